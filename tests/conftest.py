from collections import Counter

import pytest
from django.utils import translation

from tests import skips

_skipped = []


def pytest_runtest_logreport(report):
    # With pytest-xdist this runs in the controller too, for every worker's reports.
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(str(report.longrepr[2]).removeprefix("Skipped: "))


def pytest_unconfigure(config):
    """One line at the very end: how many tests skipped, why, and what brings them back."""
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if not _skipped or terminalreporter is None or hasattr(config, "workerinput"):
        return
    reasons = "; ".join(f"{n} × {reason}" for reason, n in Counter(_skipped).most_common())
    terminalreporter.write_line(f"{len(_skipped)} skipped: {reasons}", yellow=True, bold=True)
    hidden = [reason for reason in _skipped if skips.hides_a_feature(reason)]
    if hidden and skips.strict():
        terminalreporter.write_line(
            f"GSEF_NO_SKIPS is set and {len(hidden)} skip(s) hide a feature: failing the run.",
            red=True,
            bold=True,
        )


def pytest_sessionfinish(session, exitstatus):
    if skips.strict() and any(skips.hides_a_feature(reason) for reason in _skipped):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config):
    from django.conf import settings

    # The test client speaks plain HTTP and nothing has run collectstatic: switch off the
    # production-only redirect and manifest storage for the whole run.
    settings.SECURE_SSL_REDIRECT = False
    # Hashing a password on purpose takes a quarter of a second; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def english():
    """Tests start in English whatever the machine's locale; a test switches explicitly."""
    with translation.override("en"):
        yield


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="editor", password="a-long-editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty cache: a page stored by one test never answers another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
