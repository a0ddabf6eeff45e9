import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sessions.search import rebuild


class Command(BaseCommand):
    help = (
        "Empty the search index and build it again from every session, presentation, "
        "initiative, speaker, organisation, question and remark (set-based, in batches)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help=(
                "PostgreSQL: fill the index with this many connections at once. Faster, but "
                "searches made meanwhile see a partial index: for a new or offline database."
            ),
        )

    def progress(self, line):
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args, jobs, **options):
        if not 1 <= jobs <= 16:
            raise CommandError(f"--jobs must be between 1 and 16, not {jobs}.")
        started = time.monotonic()
        with translation.override("en"):
            total = rebuild(write=self.progress, jobs=jobs)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {total} entries in {time.monotonic() - started:.1f} s."
            )
        )
