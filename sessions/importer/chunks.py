"""Many reports in one transaction: how a batch import writes a thousand reports in seconds.

Each report of a chunk is matched and checked in a savepoint of the chunk's transaction, as it
would be alone, and its shared rows (speakers, organisations, initiatives, forums) are written
at once; but the rows of its new session (the session, its languages, presentations, questions
and remarks, their history and links) wait in `Pending`, and are written for the whole chunk at
the end, one statement per table. A report is still all or nothing: if the database refuses a
pending row, the whole chunk is rolled back and its reports imported again one by one, so that
the refusal is told for its own file and the other files land.
"""

from collections import defaultdict

from django.db import DataError, IntegrityError, OperationalError, transaction

from sessions.importer.reading import ReportError
from sessions.models import AudienceQuestion, ClosingRemark, Presentation, Session

CHUNK = 25  # reports a transaction


class Pending:
    """The rows of a chunk's new sessions, waiting to be written together."""

    def __init__(self):
        self.sessions = []  # (draft key, session)
        self.languages = []  # (session, language)
        self.children = defaultdict(list)  # model → [(child, {relation: rows})]

    def add_session(self, session, key):
        if any(key == other for other, _session in self.sessions):
            raise SameDraftTwice  # the same report twice in a chunk: the first one is written first
        self.sessions.append((key, session))

    def has_slug(self, slug):
        return any(session.slug == slug for _key, session in self.sessions)

    def mark(self):
        children = {model: len(rows) for model, rows in self.children.items()}
        return len(self.sessions), len(self.languages), children

    def undo(self, mark):
        """Forget what was added since `mark` (a report that failed)."""
        sessions, languages, children = mark
        del self.sessions[sessions:]
        del self.languages[languages:]
        for model, rows in self.children.items():
            del rows[children.get(model, 0) :]

    def write(self, importer):
        sessions = [session for _key, session in self.sessions]
        if not sessions:
            return
        Session.objects.bulk_create(sessions)  # sends no signal: indexed below
        importer._history(Session).bulk_history_create(sessions, default_user=importer.user)
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
    if importer.dry_run or len(reports) < 2:
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
    mark = importer.pending.mark()
    for _attempt in range(2):
        try:
            with transaction.atomic():  # a savepoint: a refused report leaves nothing
                return importer.write(parsed, text, name)
        except SameDraftTwice:
            parsed.restore()
            importer.pending.write(importer)  # the first copy written, this one updates it
            mark = importer.pending.mark()
        except ReportError as error:
            importer.pending.undo(mark)
            importer._reset()  # its shared rows were rolled back
            return error
    raise AssertionError("a report met its own draft twice")  # pragma: no cover


def _alone(importer, name, parsed, text):
    try:
        return importer.run(parsed, text, name)
    except ReportError as error:
        return error
