"""Load the demo data that ships with the project (sessions/demo/demo.json).

Every record is matched by its slug (children of a session by their order), so running the
command twice leaves the same rows; a record that differs from the file is updated to match it.
"""

import json
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from sessions import search
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Language,
    Presentation,
    Session,
    Theme,
)
from speakers.models import Organisation, Speaker

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "demo.json"


class Loader:
    def __init__(self):
        self.counts = Counter()
        self.cache = {}

    def upsert(self, model, where, lookup, values):
        """Create or update one row, validated like a form would validate it."""
        obj = model.objects.filter(**lookup).first() or model(**lookup)
        created = obj.pk is None
        changed = created
        for field, value in values.items():
            if created or getattr(obj, field) != value:
                setattr(obj, field, value)
                changed = True
        if changed:
            try:
                obj.full_clean()
            except ValidationError as error:
                raise CommandError(f"{where}: {'; '.join(_messages(error))}") from None
            obj.save()
        self.counts[
            (
                model._meta.verbose_name_plural,
                "created" if created else "updated" if changed else "unchanged",
            )
        ] += 1
        return obj

    def ref(self, model, slug, where):
        if slug is None:
            return None
        key = (model, slug)
        if key not in self.cache:
            try:
                self.cache[key] = model.objects.get(slug=slug)
            except model.DoesNotExist:
                raise CommandError(
                    f"{where}: no {model._meta.verbose_name} with slug “{slug}”"
                ) from None
        return self.cache[key]

    def refs(self, model, slugs, where):
        return [self.ref(model, slug, where) for slug in slugs]

    def set_many(self, obj, field, targets):
        manager = getattr(obj, field)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)

    def children(self, model, session, rows, where, build):
        kept = []
        for order, row in enumerate(rows, start=1):
            values, many = build(row, f"{where}[{order - 1}]")
            child = self.upsert(
                model, f"{where}[{order - 1}]", {"session": session, "order": order}, values
            )
            for field, targets in many.items():
                self.set_many(child, field, targets)
            kept.append(child.pk)
        stale = model.objects.filter(session=session).exclude(pk__in=kept)
        self.counts[(model._meta.verbose_name_plural, "deleted")] += stale.delete()[0]

    def load(self, data):
        for i, row in enumerate(data.get("themes", [])):
            self.upsert(Theme, f"themes[{i}]", {"slug": row["slug"]}, _without(row, "slug"))
        for i, row in enumerate(data.get("organisations", [])):
            self.upsert(
                Organisation, f"organisations[{i}]", {"slug": row["slug"]}, _without(row, "slug")
            )
        for i, row in enumerate(data.get("speakers", [])):
            where = f"speakers[{i}]"
            values = _without(row, "slug")
            values["organisation"] = self.ref(Organisation, row.get("organisation"), where)
            self.upsert(Speaker, where, {"slug": row["slug"]}, values)
        for i, row in enumerate(data.get("forums", [])):
            self.upsert(Forum, f"forums[{i}]", {"slug": row["slug"]}, _dates(_without(row, "slug")))
        for i, row in enumerate(data.get("initiatives", [])):
            where = f"initiatives[{i}]"
            values = _without(row, "slug", "themes")
            values["organisation"] = self.ref(Organisation, row.get("organisation"), where)
            initiative = self.upsert(Initiative, where, {"slug": row["slug"]}, values)
            self.set_many(initiative, "themes", self.refs(Theme, row.get("themes", []), where))
        for i, row in enumerate(data.get("sessions", [])):
            self.load_session(row, f"sessions[{i}]")

    def load_session(self, row, where):
        values = _dates(
            _without(row, "slug", "themes", "languages", "presentations", "questions", "remarks")
        )
        values["forum"] = self.ref(Forum, row["forum"], where)
        values["moderator"] = self.ref(Speaker, row.get("moderator"), where)
        session = self.upsert(Session, where, {"slug": row["slug"]}, values)
        self.set_many(session, "themes", self.refs(Theme, row.get("themes", []), where))
        languages = []
        for code in row.get("languages", []):
            language = Language(code=code)
            try:
                language.clean()
            except ValidationError as error:
                raise CommandError(f"{where}.languages: {'; '.join(_messages(error))}") from None
            languages.append(Language.objects.get_or_create(code=code)[0])
        self.set_many(session, "languages", languages)

        def presentation(child, at):
            values = _without(child, "initiatives")
            values["speaker"] = self.ref(Speaker, child["speaker"], at)
            return values, {"initiatives": self.refs(Initiative, child.get("initiatives", []), at)}

        def question(child, at):
            values = dict(child)
            values["answered_by"] = self.ref(Speaker, child.get("answered_by"), at)
            return values, {}

        def remark(child, at):
            values = dict(child)
            values["speaker"] = self.ref(Speaker, child["speaker"], at)
            return values, {}

        self.children(
            Presentation,
            session,
            row.get("presentations", []),
            f"{where}.presentations",
            presentation,
        )
        self.children(
            AudienceQuestion, session, row.get("questions", []), f"{where}.questions", question
        )
        self.children(ClosingRemark, session, row.get("remarks", []), f"{where}.remarks", remark)


def _without(row, *keys):
    return {key: value for key, value in row.items() if key not in keys}


def _dates(values):
    """JSON carries dates and times as ISO strings; the model fields want objects."""
    from datetime import date, time

    for field in ("date", "start_date", "end_date"):
        if values.get(field):
            values[field] = date.fromisoformat(values[field])
    if values.get("start_time"):
        values["start_time"] = time.fromisoformat(values["start_time"])
    return values


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return error.messages


class Command(BaseCommand):
    help = "Load the demo forums, sessions, speakers and initiatives (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="A demo data file.")

    def handle(self, *args, file, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file}: not a UTF-8 JSON file ({error})") from None
        loader = Loader()
        self.stdout.write(f"Loading demo data from {file} ...")
        try:
            # Each search entry is written once, at the end, not again for every child row.
            with translation.override("en"), transaction.atomic(), search.batched_reindex():
                loader.load(data)
        except (KeyError, TypeError, ValueError) as error:
            raise CommandError(f"{file}: malformed demo data ({error!r})") from None
        totals = {}
        for (model, outcome), count in sorted(loader.counts.items()):
            if count:
                totals.setdefault(model, []).append(f"{count} {outcome}")
        for model, outcomes in totals.items():
            self.stdout.write(f"  {model}: {', '.join(outcomes)}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
