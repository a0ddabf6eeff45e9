"""Parsed reports to rows: one transaction per report, validated like a form would.

`import_report(data, name)` reads, parses and imports one file (`batch.import_many` does
many). The same file twice changes nothing; a corrected file updates the draft it made (same
forum, same title); a published session is never changed.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import (
    DataError,
    IntegrityError,
    OperationalError,
    connection,
    transaction,
)
from django.utils import translation
from django.utils.translation import gettext as _

from sessions import search
from sessions.importer.blocks import fold
from sessions.importer.facts.people import person_key
from sessions.importer.matching import SESSION_SLUG_LENGTH, Matcher
from sessions.importer.reading import ReportError, read_source
from sessions.importer.report import parse_report
from sessions.importer.results import ImportResult
from sessions.models import AudienceQuestion, ClosingRemark, Presentation, Session, SessionType
from sessions.search import batched_reindex, deferred

DEADLOCK_ATTEMPTS = 5
CHANGE_REASON = "import"  # in the history of every row an import writes


class _DryRun(Exception):
    pass


class Importer(Matcher):
    """Writes parsed reports to the database, one transaction per report.

    Speakers are matched by name (case, accents and honorifics ignored), organisations by
    acronym or name, forums by dates or name, initiatives by name; a draft session by its forum
    and title, so that importing a file again, or a corrected file, updates the same draft.
    Published sessions are never changed by an import.
    """

    def __init__(
        self,
        user=None,
        publish=False,
        dry_run=False,
        fast_commit=False,
        concurrent=False,
        revision_of=None,
    ):
        self.user = user
        # A published session this report revises: the import makes (or updates) a draft
        # revision of it (sessions.revisions), never a second session.
        self.revision_of = revision_of
        # With other importers writing at the same time (import_many with jobs > 1), rows
        # are created one importer at a time, after a look at what the others created.
        self.concurrent = concurrent
        self.locked = False
        self.publish = publish
        self.dry_run = dry_run
        # PostgreSQL waits for the disk at every commit (about 10 ms here). A batch can skip
        # that wait: a crash may then lose the last few imports, never half of one, and
        # importing the files again is safe.
        self.fast_commit = fast_commit
        self.history_managers = {}
        # In a chunked batch (`chunks`), the rows of new sessions wait here to be written for
        # the whole chunk at once.
        self.pending = None
        self._reset()

    def run(self, parsed, text, name=""):
        parsed.keep()
        for attempt in range(1, DEADLOCK_ATTEMPTS + 1):
            try:
                return self._run(parsed, text, name)
            except OperationalError as error:
                # Beside other importers, PostgreSQL may end a transaction to break a deadlock
                # (two reports reindexing the same speaker): the report is imported again.
                if getattr(error.__cause__, "sqlstate", None) != "40P01" or (
                    attempt == DEADLOCK_ATTEMPTS
                ):
                    raise
                parsed.restore()

    def _run(self, parsed, text, name):
        self.locked = False
        try:
            with transaction.atomic():
                self.skip_disk_wait()
                result = self.write(parsed, text, name)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            self._reset()
        except (IntegrityError, DataError) as error:
            self._reset()
            message = _("the database refused a row: %(error)s") % {"error": error}
            raise ReportError(message) from None
        except Exception:
            self._reset()
            raise
        return result

    def skip_disk_wait(self):
        if self.fast_commit and connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # this transaction only
                cursor.execute("SET LOCAL synchronous_commit TO OFF")

    def write(self, parsed, text, name):
        """The report's rows, in the transaction open (its own, or its chunk's)."""
        result = ImportResult(name=name, parsed=parsed, dry_run=self.dry_run)
        self.source = parsed.source
        self.ui_language = translation.get_language()
        # Texts go to the report's language columns; validation reads them in that language.
        # Each search entry the report touches (a speaker's, the session's) is rewritten
        # once, at the end, not once per row saved.
        with translation.override(parsed.language), batched_reindex():
            self._apply(parsed, text, result)
        return result

    # The rows

    def _apply(self, parsed, text, result):
        language = parsed.language
        forum = self._forum(parsed, result)
        if parsed.date is None:
            parsed.date = forum.start_date
            with self.in_ui_language():
                message = _(
                    "no session date; the forum's first day (%(date)s) is used: correct it in "
                    "the draft"
                )
            parsed.warn(parsed.date_line, message % {"date": forum.start_date})
        session = self._draft(parsed, forum)
        if self.pending is not None and session.pk is not None:
            # A draft updated: what it may point to must be rows already, not waiting ones.
            self.pending.write(self)
        self.defer_shared = self.pending is not None and session.pk is None
        moderator = self._speaker(parsed.moderator, result) if parsed.moderator else None
        values = {
            f"title_{language}": parsed.title,
            "session_type": parsed.session_type or SessionType.WORKSHOP,
            "date": parsed.date,
            "start_time": parsed.start_time,
            "duration_minutes": parsed.duration_minutes,
            "participant_count": parsed.participant_count,
            "participation_channel": parsed.participation_channel,
            "moderator": moderator,
            f"guiding_question_{language}": parsed.guiding_question[:500],
            f"guiding_synthesis_{language}": parsed.guiding_synthesis,
            "source_report": text,
        }
        if parsed.title_fr and language == "en":
            values["title_fr"] = parsed.title_fr
        if self.publish:
            values["is_published"] = True
        created = session.pk is None
        twin = None
        if created and self.revision_of is None:
            twin = self._published_twin(forum, parsed, moderator)
        result.twin = twin
        with self.in_ui_language():
            if not parsed.session_type:
                parsed.warn(None, _("no session type; “workshop” is assumed"))
            if twin:
                parsed.warn(
                    parsed.title_line,
                    _(
                        "a published session may be this one: “%(title)s” (%(address)s): "
                        "import the report as a draft revision of it (the admin's preview "
                        "offers it), or cancel"
                    )
                    % {"title": twin.title, "address": twin.address},
                )
            anonymous = _("anonymous")
        changed = self._set(session, values)
        if created:
            session.slug = self._slug(Session, parsed.title, SESSION_SLUG_LENGTH)
        if created and self.pending is not None:
            self._validate(session, parsed.title_line, {"date": parsed.date_line}, "clean")
            self.pending.add_session(session, (forum.pk, fold(parsed.title)))
        elif created and self.concurrent:
            # Another importer may take the same slug between our look and our insert.
            for _attempt in range(5):
                try:
                    with transaction.atomic():
                        self._save(
                            session, parsed.title_line, {"date": parsed.date_line}, check="clean"
                        )
                    break
                except IntegrityError:
                    session.slug = self._slug(Session, parsed.title, SESSION_SLUG_LENGTH)
        elif created or changed:
            self._save(session, parsed.title_line, {"date": parsed.date_line}, check="clean")
        if created and self.pending is None:
            self.drafts[(forum.pk, fold(parsed.title))] = session.pk
        result.session = session
        result.add(
            "session", "created" if created else "updated" if changed else "matched", parsed.title
        )
        codes = [self._language(code) for code in parsed.languages]
        if created and self.pending is not None:
            self.pending.languages += [(session, code) for code in codes]
        elif created:
            Session.languages.through.objects.bulk_create(
                Session.languages.through(session_id=session.pk, language_id=code.pk)
                for code in codes
            )
        elif {c.pk for c in codes} != set(session.languages.values_list("pk", flat=True)):
            session.languages.set(codes)

        self._children(
            session,
            Presentation,
            result,
            "presentation",
            [self._presentation_values(p, session, language, result) for p in parsed.presentations],
            fresh=created,
        )
        self._children(
            session,
            AudienceQuestion,
            result,
            "question",
            [
                (
                    {
                        "asker_name": q.asker_name[:200],
                        "asker_country": q.asker_country,
                        f"question_{language}": q.question,
                        f"answer_{language}": q.answer,
                        "answered_by": self.speakers.get(person_key(q.answered_by)),
                    },
                    {},
                    q.line,
                    f"{q.asker_name or anonymous}: {q.question[:60]}",
                )
                for q in parsed.questions
            ],
            fresh=created,
        )
        self._children(
            session,
            ClosingRemark,
            result,
            "remark",
            [
                (
                    {
                        "speaker": self._remark_speaker(r, parsed, result),
                        f"text_{language}": r.text,
                    },
                    {},
                    r.line,
                    f"{r.name}: {r.text[:60]}",
                )
                for r in parsed.remarks
            ],
            fresh=created,
        )

    def _history(self, model):
        # Each read of `Model.history` builds a manager class; one per model will do.
        if model not in self.history_managers:
            self.history_managers[model] = model.history
        return self.history_managers[model]

    def _set(self, obj, values):
        changed = False
        for name, value in values.items():
            try:
                same = getattr(obj, name) == value
            except ObjectDoesNotExist:  # a foreign key not set yet
                same = False
            if not same:
                setattr(obj, name, value)
                changed = True
        return changed

    def _save(self, obj, line, field_lines=None, check=True):
        """Validate like a form would (naming the report's line), save, and record history."""
        self._validate(obj, line, field_lines, check)
        created = obj.pk is None
        obj.save_without_historical_record()
        self._history(type(obj)).bulk_history_create(
            [obj], update=not created, default_user=self.user, default_change_reason=CHANGE_REASON
        )

    def _validate(self, obj, line, field_lines, check):
        if check == "clean":  # the cross-field rules only (a session's date in its forum)
            try:
                # Session.clean() formats its message when it raises: in the UI's language.
                with self.in_ui_language():
                    obj.clean()
            except ValidationError as error:
                self._refuse(error, line, field_lines)
        elif check:
            self._check(obj, line, field_lines)

    def _check(self, obj, line, field_lines=None):
        # Country codes come from our own table of names, so they are valid by construction.
        relations = [
            f.name
            for f in obj._meta.concrete_fields
            if f.is_relation or f.name in {"country", "asker_country"}
        ]
        try:
            # Related rows come from this import or the database, and the database enforces
            # the constraints: validating either here would cost a query each.
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self._refuse(error, line, field_lines)

    def _refuse(self, error, line, field_lines):
        """A ReportError from a ValidationError, at the line of the first field at fault."""
        with self.in_ui_language():
            fields = error.message_dict
            messages = [
                _("%(field)s: %(errors)s") % {"field": field, "errors": " ".join(errors)}
                if field != "__all__"
                else " ".join(errors)
                for field, errors in fields.items()
            ]
            line = next(
                (at for field, at in (field_lines or {}).items() if field in fields and at), line
            )
            place = self.source.place(line) if self.source else ""
            refusal = ReportError("; ".join(messages), line, place)
        raise refusal from None

    def _children(self, session, model, result, kind, rows, fresh):
        """Presentations, questions or remarks, matched to the draft's by their order; new ones
        are inserted in bulk (with their history), changed ones saved, extra ones deleted."""
        existing = {} if fresh else {c.order: c for c in model.objects.filter(session=session)}
        new, links = [], []
        for order, (values, many, line, label) in enumerate(rows, start=1):
            child = existing.pop(order, None)
            if child is None:
                child = model(session=session, order=order)
                if model is ClosingRemark:
                    child.created_by = self.user
                # Built from parsed text that is bounded and non-empty by construction; the
                # database checks the rest. A full_clean each would double the import's time.
                self._set(child, values)
                new.append(child)
                links.append(many)
                result.add(kind, "created", label)
                continue
            changed = self._set(child, values)
            if changed:
                self._save(child, line)
            for name, targets in many.items():
                manager = getattr(child, name)
                if {t.pk for t in manager.all()} != {t.pk for t in targets}:
                    manager.set(targets)
                    changed = True
            result.add(kind, "updated" if changed else "matched", label)
        if new and self.pending is not None and session.pk is None:
            self.pending.children[model] += zip(new, links, strict=True)
        elif new:
            self.insert_children(model, list(zip(new, links, strict=True)))
        for stale in existing.values():
            stale.delete()
            result.add(kind, "deleted", str(stale))

    def insert_children(self, model, rows):
        """New (child, {relation: rows}) pairs of one model, of one session or many: one
        statement for the children, one for their history, one per relation."""
        children = [child for child, _many in rows]
        model.objects.bulk_create(children)  # sends no signal: the sessions are indexed again
        for session_id in dict.fromkeys(child.session_id for child in children):
            self.index_later(session_id)
        self._history(model).bulk_history_create(
            children, default_user=self.user, default_change_reason=CHANGE_REASON
        )
        for name in {name for _child, many in rows for name in many}:
            through = getattr(model, name).through
            source = f"{model._meta.model_name}_id"
            target = f"{getattr(model, name).field.related_model._meta.model_name}_id"
            through.objects.bulk_create(
                through(**{source: child.pk, target: related.pk})
                for child, many in rows
                for related in many.get(name, [])
            )

    def index_later(self, session_id):
        if deferred.deferring():
            deferred.note(Session(pk=session_id))
        else:
            search.reindex_session_later(session_id)


def parse_file(data, name=""):
    """(ParsedReport, text) of a file's bytes: Word, Markdown or plain text; or ReportError."""
    source = read_source(data, name)
    parsed = parse_report(source)
    parsed.warnings[:0] = source.warnings
    return parsed, source.text


def import_report(data, name="", **options):
    """Read, parse and import one file's bytes: the ImportResult, or ReportError."""
    parsed, text = parse_file(data, name)
    return Importer(**options).run(parsed, text, name)
