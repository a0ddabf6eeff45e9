"""Make N synthetic sessions, with everything around them, for load tests and the search benchmark.

    manage.py generate_corpus --sessions 100000 [--seed 1] [--clear] [--batch-size 2000]
                              [--no-search-index]

What it makes: a handful of forums, organisations, speakers, initiatives (with themes and
countries), then the sessions with their presentations, audience questions and answers and
closing remarks, in English and French (most records in both, some in one only), most
published, some drafts. The words come from `sessions.corpus`; its docstring says which terms a
benchmark can count on (MARKER is in every searchable record).

How: rows go in with bulk_create, one transaction per batch of sessions and all they hold, the
many-to-many rows through their tables. bulk_create calls no save() and sends no signals, so
no history rows (django-simple-history) are written and nothing else runs per row; the search
index is rebuilt once at the end (rebuild_search_index, where the project has it), and the
page cache is invalidated. The generator itself is the package `sessions.corpus_generation`.

Every slug starts with "syn<run>-": a second run without --clear adds a second corpus beside the
first (run 2) instead of failing on a slug; --clear deletes every earlier synthetic row first.
"""

import os
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from gsef.cache import invalidate as invalidate_page_cache
from sessions.corpus_generation import Builder, clear_synthetic, next_run

MAX_SESSIONS = 1_000_000


def describe(counts):
    """'sessions 3, session themes 5, ...': through tables named after their link."""
    parts = []
    for model, count in counts.items():
        if model._meta.auto_created:
            name = model._meta.object_name.replace("_", " ").lower()
        else:
            name = str(model._meta.verbose_name_plural)
        if count:
            parts.append(f"{name} {count:,}")
    return ", ".join(parts)


class Command(BaseCommand):
    help = (
        "Make N synthetic sessions with their forums, speakers, organisations, initiatives, "
        "questions and remarks in English and French, for load tests and search benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sessions", type=int, required=True, help="How many sessions to make."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same corpus (default 1)."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Delete earlier synthetic data first."
        )
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help="Do not rebuild the search index at the end (run rebuild_search_index later).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Sessions (with all they hold) per transaction (default 2000).",
        )

    def handle(self, *args, sessions, seed, clear, batch_size, no_search_index, **options):
        if sessions <= 0:
            raise CommandError("--sessions must be a positive number of sessions.")
        if sessions > MAX_SESSIONS:
            raise CommandError(
                f"--sessions {sessions:,} is more than this command makes at once "
                f"({MAX_SESSIONS:,}); run it several times instead."
            )
        if not 1 <= batch_size <= 50_000:
            raise CommandError("--batch-size must be between 1 and 50,000.")
        started = time.monotonic()
        with translation.override("en"):
            if clear:
                with transaction.atomic():
                    deleted = clear_synthetic()
                self.stdout.write(
                    f"Deleted earlier synthetic data: {describe(deleted) or 'none'} "
                    f"({time.monotonic() - started:.0f} s)"
                )
            run = next_run()
            self.stdout.write(
                f"Making {sessions:,} synthetic sessions (seed {seed}, slugs syn{run}-...)"
            )
            builder = Builder(
                sessions=sessions,
                seed=seed,
                run=run,
                batch_size=batch_size,
                report=self.stdout.write,
            )
            try:
                builder.build()
            except DatabaseError as error:
                raise CommandError(f"The database refused a batch: {error}") from error
        # bulk_create sends no signal: drop the cached pages here.
        invalidate_page_cache()
        content_seconds = time.monotonic() - started
        self.stdout.write(f"Rows made: {describe(builder.counts)}")
        self.stdout.write(f"Content made in {content_seconds:.0f} s.")
        if no_search_index:
            self.stdout.write("The search index was not rebuilt (--no-search-index).")
        elif "rebuild_search_index" in get_commands():
            index_started = time.monotonic()
            # A corpus is made for a new database: fill the index with every core.
            jobs = min(4, os.cpu_count() or 1) if connection.vendor == "postgresql" else 1
            call_command("rebuild_search_index", jobs=jobs, stdout=self.stdout)
            self.stdout.write(f"Search index rebuilt in {time.monotonic() - index_started:.0f} s.")
        else:
            self.stdout.write(
                "The search index was not rebuilt: this project has no rebuild_search_index "
                "command."
            )
        if connection.vendor == "postgresql":
            # Fresh statistics: without them (autovacuum may be off) the planner guesses row
            # counts from an empty database and picks plans that take seconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write("Table statistics refreshed (ANALYZE).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {sessions:,} synthetic sessions in {time.monotonic() - started:.0f} s."
            )
        )
