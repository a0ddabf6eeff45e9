"""Security headers on every page type, a clean `check --deploy`, cookies only where needed."""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.public_site import LANGUAGES, PUBLIC_PAGES, build_site, page_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
}
# Every page a visitor can reach, the 404, and the two login pages.
PAGES = [*PUBLIC_PAGES, "404", "login", "admin-login"]


@pytest.fixture
def site():
    return build_site()


def url_of(page, language):
    if page == "404":
        return f"/{language}/no-such-page/"
    with translation.override(language):
        if page == "login":
            return reverse("login")
        if page == "admin-login":
            return reverse("admin:login")
    return page_url(page, language)


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes and elements,
    event-handler attributes, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.found.append(f"<script {attrs}>")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_sends_the_security_headers(client, site, page, language):
    # The second visit of a public page comes from the page cache, which runs before most
    # middlewares: its stored headers must hold what they added.
    for visit in ("first", "second"):
        response = client.get(url_of(page, language), secure=True)

        assert response.status_code == (404 if page == "404" else 200)
        assert {name: response.get(name) for name in HEADERS} == HEADERS, visit
        assert parse_csp(response["Content-Security-Policy"]) == CSP, visit
    if page in PUBLIC_PAGES:
        assert response["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_has_inline_script_or_style(client, site, page, language):
    response = client.get(url_of(page, language))

    assert inline_code(response.text) == []


def test_json_ld_is_the_only_script_element_of_a_detail_page(client, site):
    html = client.get(url_of("session", "en")).text

    assert html.count("<script") == html.count('<script type="application/ld+json">') == 1


@pytest.mark.parametrize(
    "url",
    [
        "admin:index",
        "admin:forum_sessions_session_changelist",
        "admin:forum_sessions_session_add",
        "session-change",
        "admin:forum_sessions_session_import",
        "speaker-change",
    ],
)
def test_admin_pages_load_scripts_from_this_site_only(client, site, editor, url):
    """The admin (with modeltranslation's tabs and the vendored jQuery UI) runs under the
    same policy: every script is a file from this site, nothing inline."""
    client.force_login(editor)
    if url == "session-change":
        url = reverse("admin:forum_sessions_session_change", args=[site.session.pk])
    elif url == "speaker-change":
        url = reverse("admin:speakers_speaker_change", args=[site.speaker.pk])
    else:
        url = reverse(url)

    response = client.get(url)

    assert response.status_code == 200
    assert parse_csp(response["Content-Security-Policy"]) == CSP
    assert inline_code(response.text) == []
    scripts = [
        line.split('src="')[1].split('"')[0]
        for line in response.text.replace("<script", "\n<script").splitlines()
        if line.startswith("<script") and 'src="' in line
    ]
    assert scripts, "the admin pages load their scripts"
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts), scripts
    if "change" in url:
        assert "/static/vendor/jquery-ui/jquery-ui.min.js" in scripts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", [*PUBLIC_PAGES, "404"])
def test_public_pages_set_no_cookie(client, site, page, language):
    url = url_of(page, language)
    for _ in range(2):  # rendered, then from the cache
        response = client.get(url)

        assert response.status_code == (404 if page == "404" else 200)
        assert dict(response.cookies) == {}
        assert "Set-Cookie" not in response.headers


def test_a_list_with_bad_filters_sets_no_cookie(client, site):
    response = client.get("/en/sessions/", {"country": "ZZ", "page": "abc", "sort": "nope"})

    assert response.status_code == 200
    assert dict(response.cookies) == {}


def test_the_session_cookie_is_secure_httponly_and_host_only(client, django_user_model):
    django_user_model.objects.create_user(username="mod", password="a-long-moderator-pass")

    response = client.post(
        reverse("login"), {"username": "mod", "password": "a-long-moderator-pass"}
    )

    assert response.status_code == 302
    # Logging in also rotates the CSRF token.
    assert sorted(response.cookies) == ["__Host-csrftoken", "__Host-sessionid"]
    cookie = response.cookies["__Host-sessionid"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert (cookie["path"], cookie["domain"]) == ("/", "")


def test_the_csrf_cookie_is_secure_httponly_and_host_only(client):
    response = client.get(reverse("admin:login"))

    assert list(response.cookies) == ["__Host-csrftoken"]
    cookie = response.cookies["__Host-csrftoken"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert (cookie["path"], cookie["domain"]) == ("/", "")


def test_the_language_cookie_is_secure_httponly_and_host_only(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})

    assert response.status_code == 302
    assert list(response.cookies) == ["__Host-django_language"]
    cookie = response.cookies["__Host-django_language"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert (cookie["path"], cookie["domain"]) == ("/", "")


def test_messages_live_in_the_session_not_in_a_cookie():
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def test_check_deploy_gives_no_warning_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_production_cookie_names_and_debug_cookie_names():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)"
    )

    production = run_manage("shell", "-c", code, **PRODUCTION)
    debug = run_manage("shell", "-c", code, DEBUG="1", DATABASE_URL="sqlite:///:memory:")

    assert production.stdout.splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "__Host-django_language",
        "True",
        "True",
        "True",
    ], production.stderr
    assert debug.stdout.splitlines()[-1].split() == [
        "sessionid",
        "csrftoken",
        "django_language",
        "False",
        "False",
        "False",
    ], debug.stderr


def test_a_failed_login_with_an_overlong_username_is_recorded_cut_short(client):
    response = client.post(reverse("admin:login"), {"username": "u" * 10_001, "password": "x"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "u" * 255
