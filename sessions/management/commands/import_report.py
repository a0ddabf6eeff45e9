"""Import rapporteurs' reports as draft sessions: `manage.py import_report FILE... [--dry-run]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from sessions.importer import ReportError, import_many


class Command(BaseCommand):
    help = (
        "Import GSEF session reports (Word .docx, Markdown or plain text) as draft sessions. "
        "Each file is "
        "one transaction: a bad file is reported and the batch goes on."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the sessions instead of drafts."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Worker processes for a large batch (PostgreSQL only; default 1).",
        )

    def handle(self, *args, files, dry_run, publish, jobs, verbosity, **options):
        failed = 0
        items = [(path.name, path) for path in files]
        outcomes = import_many(items, jobs=jobs, publish=publish, dry_run=dry_run, fast_commit=True)
        for index, _name, outcome in outcomes:
            path = files[index]
            prefix = f"[{index + 1}/{len(files)}] {path}" if len(files) > 1 else str(path)
            if isinstance(outcome, ReportError):
                failed += 1
                self.stderr.write(self.style.ERROR(f"{prefix}: not imported: {outcome}"))
            else:
                self.report(prefix, outcome, verbosity)
        total = len(files) - failed
        verb = "would be imported (dry run, nothing written)" if dry_run else "imported"
        summary = f"{total} of {len(files)} report(s) {verb}."
        if failed:
            raise CommandError(f"{summary} {failed} failed.")
        self.stdout.write(self.style.SUCCESS(summary))

    def report(self, prefix, result, verbosity):
        session = result.session
        if result.dry_run:
            where = ""
        else:
            where = " → " + reverse("admin:forum_sessions_session_change", args=[session.pk])
        self.stdout.write(f"{prefix}: {session.title[:70]}{where}")
        for action, kinds in sorted(result.counts().items()):
            details = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in kinds.items())
            self.stdout.write(f"  {action}: {details}")
        if verbosity > 1:
            for outcome in result.outcomes:
                self.stdout.write(f"    {outcome}")
        for problem in result.parsed.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {problem}"))
        for problem in result.parsed.skipped:
            self.stdout.write(f"  skipped: {problem}")
