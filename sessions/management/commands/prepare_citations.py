"""Render the citations' stand-in entries before the first visitors need them.

A session page's citation comes from an entry rendered once per style, page language and
kind of session (its forum, day and type, and the language its title is shown in), with
the session's own title and address put in (sessions/syndication/citations.py). citeproc-py
takes tens of milliseconds for each such entry; this command renders every one the
published sessions need, and keeps them in the cache, where no content change drops them.
Run after a deploy (the container's entry point does) or a cache flush; entries kept
already are only read.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from sessions.models import Session
from sessions.syndication import citations

# Any title that takes the shortcut: the entry's key leaves the title out.
PLAIN_TITLE = "Session"
PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = (
        "Render and keep the citation entries of every kind of published session (forum, "
        "day, type, title language), in each style and page language."
    )

    def progress(self, line):
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args, **options):
        started = time.monotonic()
        kinds = {}
        rows = (
            Session.objects.published()
            .order_by("pk")
            .values_list("pk", "forum_id", "date", "session_type", "title_en", "title_fr")
        )
        for pk, forum, day, session_type, english, french in rows.iterator(chunk_size=5000):
            kinds.setdefault((forum, day, session_type, bool(english), bool(french)), pk)
        sessions = (
            Session.objects.select_related("forum")
            .prefetch_related("themes")
            .in_bulk(list(kinds.values()))
        )
        languages = [code for code, _ in settings.LANGUAGES]
        total = len(kinds)
        for number, pk in enumerate(kinds.values(), start=1):
            session = sessions[pk]
            for language in languages:
                with translation.override(language):
                    item = citations.csl_item(session, citations.STAND_IN_URL)
                    item["title"] = PLAIN_TITLE
                    for style in citations.STYLES:
                        citations.render(item, style)
            if number % PROGRESS_EVERY == 0 and number < total:
                self.progress(
                    f"citations: {number:,}/{total:,} kinds of session "
                    f"({time.monotonic() - started:.0f} s)"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Citation entries ready for {total:,} kinds of session "
                f"({len(citations.STYLES)} styles, {len(languages)} languages) "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
