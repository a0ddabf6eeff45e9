"""Many reports in one transaction: how a batch import writes a thousand reports in seconds.

Each report of a chunk is matched and checked in a savepoint of the chunk's transaction, as it
would be alone; what it makes (organisations, speakers, initiatives, the session, its
languages, presentations, questions and remarks, their history and links) waits in `Pending`
and is written for the whole chunk at its end, one statement per table. Beside other workers,
the chunk takes the creation lock only then, and uses their rows where both made the same one
(`Matcher.settle`). A report is still all or nothing: one that fails leaves nothing waiting;
if the database refuses a row, the whole chunk is rolled back and its reports imported again
one by one, so that the refusal is told for its own file and the other files land.
"""

from collections import defaultdict

from django.db import DataError, IntegrityError, OperationalError, transaction

from sessions.importer.importing import CHANGE_REASON
from sessions.importer.reading import ReportError
from sessions.models import AudienceQuestion, ClosingRemark, Initiative, Presentation, Session
from sessions.search import deferred
from speakers.models import Organisation, Speaker

CHUNK = 50  # reports a transaction, at most
CHILDREN_PEOPLE = {
    Presentation: "speaker",
    ClosingRemark: "speaker",
    AudienceQuestion: "answered_by",
}


class Pending:
    """The rows of a chunk's new sessions, and the organisations, speakers and initiatives
    they made, waiting to be written together."""

    def __init__(self):
        self.shared = defaultdict(list)  # model → [row]
        self.sessions = []  # (draft key, session)
        self.languages = []  # (session, language)
        self.children = defaultdict(list)  # model → [(child, {relation: rows})]

    def add_shared(self, row):
        self.shared[type(row)].append(row)

    def add_session(self, session, key):
        if any(key == other for other, _session in self.sessions):
            raise SameDraftTwice  # the same report twice in a chunk: the first one is written first
        self.sessions.append((key, session))

    def has_slug(self, slug):
        return any(session.slug == slug for _key, session in self.sessions)

    def mark(self):
        def lengths(rows):
            return {model: len(of_model) for model, of_model in rows.items()}

        return (
            lengths(self.shared),
            len(self.sessions),
            len(self.languages),
            lengths(self.children),
        )

    def undo(self, mark):
        """Forget what was added since `mark` (a report that failed)."""
        shared, sessions, languages, children = mark
        for model, rows in self.shared.items():
            del rows[shared.get(model, 0) :]
        del self.sessions[sessions:]
        del self.languages[languages:]
        for model, rows in self.children.items():
            del rows[children.get(model, 0) :]

    def replace(self, replaced):
        """Point to other importers' rows instead of ours where both made the same one
        (`replaced`: id(ours) → theirs), and drop ours."""
        if not replaced:
            return

        def same(row):
            return replaced.get(id(row), row)

        for model, rows in self.shared.items():
            rows[:] = [row for row in rows if id(row) not in replaced]
            for row in rows if model is not Organisation else ():
                if row.organisation is not None:
                    row.organisation = same(row.organisation)
        for _key, session in self.sessions:
            if session.moderator is not None:
                session.moderator = same(session.moderator)
        for model, field in CHILDREN_PEOPLE.items():
            for child, many in self.children[model]:
                if getattr(child, field) is not None:
                    setattr(child, field, same(getattr(child, field)))
                if "initiatives" in many:
                    many["initiatives"] = [same(row) for row in many["initiatives"]]

    def write(self, importer):
        """Every waiting row, in the order their foreign keys need; then empty."""
        importer.settle(self)
        for model in (Organisation, Speaker, Initiative):
            rows = self.shared[model]
            if rows:
                model.objects.bulk_create(rows)  # sends no signal: noted for the index here
                importer._history(model).bulk_history_create(
                    rows, default_user=importer.user, default_change_reason=CHANGE_REASON
                )
                for row in rows:
                    deferred.note(row)
        sessions = [session for _key, session in self.sessions]
        if not sessions:
            self.__init__()
            return
        Session.objects.bulk_create(sessions)  # sends no signal: indexed below
        importer._history(Session).bulk_history_create(
            sessions, default_user=importer.user, default_change_reason=CHANGE_REASON
        )
        Session.languages.through.objects.bulk_create(
            Session.languages.through(session_id=session.pk, language_id=language.pk)
            for session, language in self.languages
        )
        for session in sessions:
            importer.index_later(session.pk)
        for model in (Presentation, AudienceQuestion, ClosingRemark):
            if self.children[model]:
                importer.insert_children(model, self.children[model])
        for key, session in self.sessions:
            importer.drafts[key] = session.pk
        self.__init__()


class SameDraftTwice(Exception):
    pass


def import_chunk(importer, reports):
    """Import [(name, parsed, text)] in one transaction; [ImportResult or ReportError], in
    order. Falls back to one transaction a report when the database refuses a row."""
    # The rows written in bulk send no signal: the batch's deferred index is told of them.
    if importer.dry_run or len(reports) < 2 or not deferred.deferring():
        return [_alone(importer, *report) for report in reports]
    for _name, parsed, _text in reports:
        parsed.keep()
    try:
        with transaction.atomic():
            importer.skip_disk_wait()
            importer.locked = False
            importer.pending = Pending()
            outcomes = [_in_chunk(importer, *report) for report in reports]
            importer.pending.write(importer)
        return outcomes
    except (IntegrityError, DataError, OperationalError):
        pass  # a row refused, a slug taken meanwhile by another worker, a deadlock broken
    finally:
        importer.pending = None
    # Each report again in its own transaction, where a refusal names its file.
    importer._reset()
    for _name, parsed, _text in reports:
        parsed.restore()
    return [_alone(importer, *report) for report in reports]


def _in_chunk(importer, name, parsed, text):
    for _attempt in range(2):
        mark = importer.pending.mark()
        try:
            with transaction.atomic():  # a savepoint: a refused report leaves nothing
                return importer.write(parsed, text, name)
        except SameDraftTwice:
            _forget(importer, mark)
            parsed.restore()  # and again: the first copy is written now, this one updates it
        except ReportError as error:
            _forget(importer, mark)
            return error
    raise AssertionError("a report met its own draft twice")  # pragma: no cover


def _forget(importer, mark):
    """Drop what a failed report left waiting; write what the reports before it did; read the
    rows again (the failed report's were rolled back, or never written)."""
    importer.pending.undo(mark)
    importer.pending.write(importer)
    importer._reset()


def _alone(importer, name, parsed, text):
    try:
        return importer.run(parsed, text, name)
    except ReportError as error:
        return error
