import time

from django.core.management.base import BaseCommand
from django.utils import translation

from sessions.search import rebuild


class Command(BaseCommand):
    help = (
        "Empty the search index and build it again from every session, presentation, "
        "initiative, speaker, organisation, question and remark (set-based, in batches)."
    )

    def progress(self, line):
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args, **options):
        started = time.monotonic()
        with translation.override("en"):
            total = rebuild(write=self.progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {total} entries in {time.monotonic() - started:.1f} s."
            )
        )
