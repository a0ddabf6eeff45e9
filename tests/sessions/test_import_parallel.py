"""import_report --jobs: worker processes share a batch and duplicate nothing.

The workers are forked, so the batch runs in a fresh `manage.py` process: forking this test
process, which has a live server's and a browser's threads, could hang the children.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from sessions.models import Forum, Session
from speakers.models import Organisation, Speaker
from tests.sessions.test_import import REPORT
from tests.skips import postgresql_only

ROOT = Path(__file__).resolve().parents[2]

# The command's own connections must see this test's rows and it must see theirs: commit
# (transaction=True), then put back what migrations made (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def write_variants(folder, count):
    paths = []
    for n in range(count):
        path = folder / f"report-{n}.md"
        path.write_text(REPORT.replace("Public procurement", f"Public procurement {n}"))
        paths.append(str(path))
    return paths


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def import_report(*args):
    env = {**os.environ, "DATABASE_URL": database_url()}
    return subprocess.run(
        [sys.executable, "manage.py", "import_report", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@postgresql_only(
    "SQLite allows one writer at a time, and its test database lives in memory, out of a "
    "second process's reach"
)
def test_two_workers_share_people_and_places_without_duplicates(tmp_path):
    paths = write_variants(tmp_path, 24)

    result = import_report(*paths, "--jobs", "2")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("24 of 24 report(s) imported.")
    assert f"[24/24] {paths[-1]}: Public procurement 23" in result.stdout
    assert Session.objects.count() == 24
    assert Speaker.objects.count() == 3
    assert Organisation.objects.count() == 3
    assert Forum.objects.count() == 1
    assert len(set(Session.objects.values_list("slug", flat=True))) == 24
    # The workers' search entries are written once, at the end, as a rebuild would write them.
    from sessions import search
    from sessions.models import SearchEntry

    def entries():
        return sorted(SearchEntry.objects.values_list("kind", "object_id", "body_en", "published"))

    written = entries()
    assert len([e for e in written if e[0] == "session"]) == 24
    search.rebuild(write=lambda *args, **kwargs: None)
    assert entries() == written
