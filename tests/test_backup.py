"""Backups: the content-level dump restores to identical data, and the shell scripts copy a
PostgreSQL database faithfully (README, "Backups")."""

import datetime
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from sessions.models import Language, Session
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.skips import POSTGRESQL_ONLY, POSTGRESQL_RUN, missing

ROOT = Path(__file__).resolve().parent.parent

# The content-level dump, as the README gives it: the content apps with their history, the
# accounts and groups they point to; permissions and content types by natural key; not the
# search index (rebuilt from the content), sessions, the admin log or login attempts.
DUMP_ARGS = ["forum_sessions", "speakers", "auth.user", "auth.group"]
DUMP_OPTIONS = {
    # Derived from the content by rebuild_search_index: the entries and the typo lexicon.
    "exclude": ["forum_sessions.searchentry", "forum_sessions.searchword"],
    "natural_foreign": True,
    "natural_primary": True,
    "indent": 1,
}


def dump():
    out = StringIO()
    call_command("dumpdata", *DUMP_ARGS, stdout=out, **DUMP_OPTIONS)
    # Django's JSON keeps times to the millisecond: a time under a millisecond past the second
    # is written "...:51.000Z" before a restore and "...:51Z" after it (same instant).
    return re.sub(r'(T\d\d:\d\d:\d\d)\.000Z"', r'\1Z"', out.getvalue())


def restore(path):
    call_command("flush", interactive=False, verbosity=0)
    assert Session.objects.count() == 0
    assert Group.objects.count() == 0
    call_command("loaddata", str(path), verbosity=0)


def original_title(pk):
    """The `title` column itself (modeltranslation rewrites `title` in queries to title_<lang>)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM forum_sessions_session WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def content(django_user_model):
    """Every content model, both languages, a moderator with an account, history rows."""
    moderator_account = django_user_model.objects.create_user(
        username="moderator", password="a-long-moderator-password"
    )
    # Made by a migration, unless an earlier transactional test flushed it.
    moderator_account.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    moderator = SpeakerFactory(
        name="Awa Diallo", slug="awa-diallo", user=moderator_account, bio_fr="Chercheuse."
    )
    themes = [ThemeFactory(), ThemeFactory()]
    initiative = InitiativeFactory(summary_fr="Un véhicule d'investissement local.", country="SN")
    initiative.themes.set(themes)
    forum = ForumFactory(
        name="GSEF 2023 Dakar",
        year=2023,
        start_date=datetime.date(2023, 5, 1),
        end_date=datetime.date(2023, 5, 5),
        central_theme_fr="Solidarité",
    )
    session = SessionFactory(
        forum=forum,
        date=datetime.date(2023, 5, 2),
        title_fr="Les coopératives de femmes au Sénégal",
        summary_en="Microfinance & savings groups <b>in</b> Senegal — “quotes”.",
        moderator=moderator,
        duration_minutes=90,
        participant_count=40,
    )
    session.themes.set(themes)
    session.languages.set([Language.objects.get_or_create(code="fr")[0]])
    PresentationFactory(session=session, order=1, initiatives=[initiative])
    AudienceQuestionFactory(
        session=session, order=1, answer_fr="Par la loi.", answered_by=moderator
    )
    ClosingRemarkFactory(session=session, order=1, speaker=moderator, created_by=moderator_account)
    SessionFactory(title_en="A draft in English only", is_published=False)
    return session


# flush on PostgreSQL cannot run inside the test's transaction (deferred key checks are
# pending), so these tests commit (transaction=True) and then put back what migrations made
# (serialized_rollback), as the import tests do.
content_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@content_db
def test_content_dump_restores_to_identical_data(content, tmp_path):
    before = dump()
    path = tmp_path / "content.json"
    path.write_text(before, encoding="utf-8")

    restore(path)

    assert dump() == before
    # The dump held what matters, so the equality means something.
    assert '"title_fr": "Les coopératives de femmes au Sénégal"' in before
    assert '"model": "forum_sessions.historicalsession"' in before
    assert '"username": "moderator"' in before
    assert '"model": "forum_sessions.search' not in before
    session = Session.objects.get(slug=content.slug)
    assert session.moderator.user.groups.get().name == "Moderators"
    assert session.closing_remarks.get().created_by.username == "moderator"
    assert session.presentations.get().initiatives.get().themes.count() == 2


@content_db
def test_content_dump_of_generated_corpus_restores_to_identical_data(tmp_path):
    call_command("generate_corpus", sessions=5, no_search_index=True, stdout=StringIO())
    before = dump()
    path = tmp_path / "content.json"
    path.write_text(before, encoding="utf-8")

    restore(path)

    assert dump() == before


@content_db
def test_content_dump_original_column_follows_english_after_restore(content, tmp_path):
    """A text saved while French was active keeps French in its original column (title);
    loaddata saves in English, so that derived column changes: every _en and _fr column,
    which is what the site reads, comes back as it was, and timestamps to the millisecond."""
    with translation.override("fr"):
        session = Session.objects.get(pk=content.pk)
        session.summary_fr = "Résumé en français."
        session.save()
    assert original_title(content.pk) == "Les coopératives de femmes au Sénégal"
    columns = ["title_en", "title_fr", "summary_en", "summary_fr", "updated_at"]
    before = Session.objects.filter(pk=content.pk).values(*columns).get()
    path = tmp_path / "content.json"
    path.write_text(dump(), encoding="utf-8")

    restore(path)

    restored = Session.objects.get(slug=content.slug)
    # JSON keeps times to the millisecond (DjangoJSONEncoder): the microseconds go.
    before["updated_at"] = before["updated_at"].replace(
        microsecond=before["updated_at"].microsecond // 1000 * 1000
    )
    assert Session.objects.filter(pk=restored.pk).values(*columns).get() == before
    assert original_title(restored.pk) == content.title_en


# -- the shell scripts, on PostgreSQL ---------------------------------------------------------


def _skip_without_the_scripts_tools():
    if connection.vendor != "postgresql":
        pytest.skip(f"{POSTGRESQL_ONLY} (the backup scripts); run: {POSTGRESQL_RUN}")
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            missing(tool, "apt-get install postgresql-client")


def _url(name):
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def _admin():
    return psycopg.connect(_url("postgres"), autocommit=True)


def _drop(name):
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _row_counts(name):
    with psycopg.connect(_url(name)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


def _run(*args, env=None):
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def scratch_databases():
    """Two databases of our own beside the test database: a migrated source with a small
    generated corpus, and a name to restore into."""
    _skip_without_the_scripts_tools()
    test_name = settings.DATABASES["default"]["NAME"]
    source, target = f"{test_name}_backup_source", f"{test_name}_backup_target"
    for name in (source, target):
        _drop(name)
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{source}"')
    env = {"DATABASE_URL": _url(source)}
    python = str(ROOT / ".venv" / "bin" / "python")
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["generate_corpus", "--sessions", "5", "--no-search-index"],
    ):
        result = _run(python, "manage.py", *command, env=env)
        assert result.returncode == 0, result.stderr
    yield source, target
    for name in (source, target):
        _drop(name)


def test_backup_and_restore_scripts_copy_the_database(scratch_databases, tmp_path):
    source, target = scratch_databases
    backups = tmp_path / "backups"

    result = _run("scripts/backup.sh", "--dir", str(backups), env={"DATABASE_URL": _url(source)})

    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.parent == backups
    assert backup.name.startswith(f"{source}-") and backup.suffix == ".dump"
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    result = _run("scripts/restore.sh", str(backup), _url(target))

    assert result.returncode == 0, result.stderr
    assert f"Creating database {target}" in result.stdout
    counts = _row_counts(target)
    assert counts == _row_counts(source)
    assert counts["forum_sessions_session"] == 5
    assert counts["forum_sessions_presentation"] > 5


def test_restore_script_refuses_to_overwrite_without_force(scratch_databases, tmp_path):
    source, target = scratch_databases
    result = _run("scripts/backup.sh", "--dir", str(tmp_path), env={"DATABASE_URL": _url(source)})
    backup = result.stdout.strip()
    assert _run("scripts/restore.sh", backup, _url(target)).returncode == 0
    with psycopg.connect(_url(target), autocommit=True) as db:
        db.execute("DELETE FROM forum_sessions_closingremark")

    refused = _run("scripts/restore.sh", backup, _url(target))

    assert refused.returncode == 2
    assert f"database {target} already has" in refused.stderr
    assert "add --force" in refused.stderr
    assert _row_counts(target)["forum_sessions_closingremark"] == 0

    forced = _run("scripts/restore.sh", "--force", backup, _url(target))

    assert forced.returncode == 0, forced.stderr
    assert _row_counts(target) == _row_counts(source)


def test_backup_script_keeps_the_newest(scratch_databases, tmp_path):
    source, _ = scratch_databases
    made = []
    for _ in range(3):
        result = _run(
            "scripts/backup.sh",
            "--dir",
            str(tmp_path),
            "--keep",
            "2",
            env={"DATABASE_URL": _url(source)},
        )
        assert result.returncode == 0, result.stderr
        made.append(Path(result.stdout.strip()))

    assert sorted(tmp_path.iterdir()) == sorted(made[1:])


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["scripts/backup.sh"], {"DATABASE_URL": ""}, "DATABASE_URL is not set"),
        (["scripts/backup.sh"], {"DATABASE_URL": "sqlite:///db.sqlite3"}, "not a PostgreSQL URL"),
        (["scripts/backup.sh", "--keep", "0"], {"DATABASE_URL": "postgres://h/db"}, "--keep must"),
        (["scripts/backup.sh", "--bogus"], {}, "unknown argument: --bogus"),
        (["scripts/restore.sh"], {}, "expected a backup file and a database URL"),
        (["scripts/restore.sh", "missing.dump", "postgres://h/db"], {}, "no readable backup file"),
        (["scripts/restore.sh", "README.md", "mysql://h/db"], {}, "not a PostgreSQL URL"),
    ],
)
def test_backup_scripts_refuse_bad_arguments(args, env, message):
    result = _run(*args, env=env)

    assert result.returncode == 2
    assert message in result.stderr
