"""What a skip does: says how to bring the test back, and in CI (GSEF_NO_SKIPS) fails."""

import pytest

from tests import skips


def test_a_missing_tool_skips_with_its_install_command(monkeypatch):
    monkeypatch.delenv("GSEF_NO_SKIPS", raising=False)

    with pytest.raises(pytest.skip.Exception) as skipped:
        skips.missing("nginx", "apt-get install nginx")

    assert str(skipped.value) == "nginx is missing; install: apt-get install nginx"


def test_in_ci_a_missing_tool_fails_instead(monkeypatch):
    monkeypatch.setenv("GSEF_NO_SKIPS", "1")

    with pytest.raises(pytest.fail.Exception) as failed:
        skips.missing("nginx", "apt-get install nginx")

    assert "apt-get install nginx" in str(failed.value)
    assert "GSEF_NO_SKIPS" in str(failed.value)


def test_only_the_other_databases_tests_may_skip_in_ci():
    mark = skips.postgresql_only("parallel workers")

    assert not skips.hides_a_feature(mark.kwargs["reason"])
    assert "DATABASE_URL=postgres://" in mark.kwargs["reason"]
    assert skips.hides_a_feature("../shared/reports is not here")
