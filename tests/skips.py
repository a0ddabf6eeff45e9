"""Skips that say what is missing and how to get it.

A test skips only where the machine lacks something (a program, the other database); its
reason names the command that brings it. `make test` ends with one line counting the skips by
reason. With GSEF_NO_SKIPS set (CI), any skip but the other database's fails the run: a
feature nobody checks is a feature that breaks unseen.
"""

import os

import pytest
from django.db import connection

POSTGRESQL_ONLY = "PostgreSQL only"
POSTGRESQL_RUN = (
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/gsef .venv/bin/python -m pytest -n auto"
)


def postgresql_only(why):
    """A mark: the test runs on PostgreSQL only (CI's second pass runs it)."""
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"{POSTGRESQL_ONLY} ({why}); run: {POSTGRESQL_RUN}",
    )


def strict():
    return bool(os.environ.get("GSEF_NO_SKIPS"))


def hides_a_feature(reason):
    """Whether a skip with this reason leaves a feature unchecked on this run (the other
    database's tests are run by the other pass)."""
    return not reason.startswith(POSTGRESQL_ONLY)


def missing(what, install):
    """Skip (or, with GSEF_NO_SKIPS, fail) a test for which `what` is not on this machine."""
    message = f"{what} is missing; install: {install}"
    if strict():
        pytest.fail(f"{message} (GSEF_NO_SKIPS is set: this fails instead of skipping)")
    pytest.skip(message)
