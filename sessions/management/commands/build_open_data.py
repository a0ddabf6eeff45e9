"""Build the open-data archive: a ZIP of CSV files (one per table, published records only)
and a README.txt describing their columns.

    manage.py build_open_data [--output PATH] [--site-url https://kb.example.org]

Written to a temporary file beside the target, then renamed over it: the archive being
served is never half written. Without --output it goes where the open-data page serves it
from (settings.OPEN_DATA_ARCHIVE, else media/open-data/gsef-open-data.zip).
"""

import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from gsef import cache as page_cache
from sessions.exports import archive
from sessions.exports.views import Site


class Command(BaseCommand):
    help = "Write the open-data archive (a ZIP of CSV files and a README) of the published records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help=f"Where to write the ZIP file (default: {archive.archive_path()}).",
        )
        parser.add_argument(
            "--site-url",
            default="http://localhost:8000",
            help="The site's address, for the url columns (default: http://localhost:8000).",
        )

    def handle(self, *args, output=None, site_url, **options):
        target = (output or archive.archive_path()).expanduser().resolve()
        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError(
                f"--site-url must be an address such as https://kb.example.org, not {site_url!r}."
            )
        if target.is_dir():
            raise CommandError(f"{target} is a directory: give the path of the ZIP file to write.")
        started = time.monotonic()
        self.stdout.write(f"Building the open-data archive in {target}")
        try:
            with translation.override("en"):
                counts = archive.build(target, Site(site_url), self.progress)
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandError(
                f"Could not write the archive to {target}: {reason}. Choose a directory you "
                "can write to with --output, or set OPEN_DATA_ARCHIVE."
            ) from None
        page_cache.bump()  # the open-data page says when the archive was built
        rows = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {len(counts)} tables, {rows:,} rows, "
                f"{target.stat().st_size:,} bytes in {time.monotonic() - started:.1f} s."
            )
        )

    def progress(self, name, count, done):
        if done:
            self.stdout.write(f"  {name}.csv: {count:,} rows")
        else:
            self.stdout.write(f"  {name}.csv: {count:,} rows so far…")
