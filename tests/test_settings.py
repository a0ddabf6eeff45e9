"""Settings come from the environment: each test runs manage.py in a clean environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    clean = {"PATH": os.environ["PATH"], **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(name, **env):
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(settings.{name})", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kb.gsef-net.org",
    "DATABASE_URL": "postgres://gsef:secret@db:5432/gsef",
}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_warns_when_secret_key_is_missing():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 1
    assert "gsef.W001" in result.stderr
    assert "SECRET_KEY is not set in the environment" in result.stderr


def test_check_deploy_flags_debug():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="1", **PRODUCTION)

    assert result.returncode == 1
    assert "security.W018" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "False"),
        ({"DEBUG": "0"}, "False"),
        ({"DEBUG": "true"}, "True"),
        ({"DEBUG": ""}, "False"),
    ],
)
def test_debug_is_off_unless_set(env, expected):
    assert setting("DEBUG", **env) == expected


def test_database_defaults_to_sqlite_in_the_project_and_follows_database_url():
    assert setting("DATABASES['default']['NAME']") == str(ROOT / "db.sqlite3")
    assert setting("DATABASES['default']['ENGINE']", **PRODUCTION) == (
        "django.db.backends.postgresql"
    )
    assert setting("DATABASES['default']['HOST']", **PRODUCTION) == "db"


def test_allowed_hosts_and_secret_key_come_from_the_environment():
    assert setting("ALLOWED_HOSTS", **PRODUCTION) == "['kb.gsef-net.org']"
    assert setting("SECRET_KEY", **PRODUCTION) == PRODUCTION["SECRET_KEY"]


def test_demo_admin_is_refused_without_debug():
    result = manage("create_demo_admin", DATABASE_URL="sqlite:///:memory:")

    assert result.returncode == 1
    assert "Refusing to create a demo admin with DEBUG off" in result.stderr


@pytest.mark.django_db
def test_demo_admin_is_created_once_with_a_random_password(settings, django_user_model):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 16

    again = StringIO()
    call_command("create_demo_admin", stdout=again)
    assert "already exists" in again.getvalue()
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_the_cache_is_local_memory_by_default_and_redis_when_a_url_is_given():
    assert setting("CACHES['default']['BACKEND']") == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
    for name in ("CACHE_URL", "REDIS_URL"):
        env = {name: "redis://cache:6379/1"}
        assert setting("CACHES['default']['BACKEND']", **env) == ("gsef.redis_cache.RedisCache")
        assert setting("CACHES['default']['LOCATION']", **env) == "redis://cache:6379/1"
        assert setting("PAGE_CACHE_SECONDS", **env) == "600"
    assert setting("PAGE_CACHE_SECONDS") == "60"


def test_a_cache_url_that_is_not_redis_is_refused():
    result = manage("check", CACHE_URL="memcached://cache:11211")

    assert result.returncode == 1
    assert "CACHE_URL must be a redis://, rediss:// or unix:// URL." in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "True"), ({"DEBUG": "1"}, "False"), ({"DEBUG": "1", "PAGE_CACHE": "1"}, "True")],
)
def test_the_page_cache_is_on_unless_debugging(env, expected):
    assert setting("PAGE_CACHE", **env) == expected
