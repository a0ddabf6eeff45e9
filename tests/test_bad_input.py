"""Hostile or broken input gets a 4xx (or the login wall), never a 500, on either database.

Addresses with a NUL byte or a broken encoding are refused with a 400 before any query runs
(PostgreSQL would refuse a NUL in a string outright); anything else well-formed reaches the
views, which drop what they cannot use.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sessions.models import Session
from tests.public_site import build_site, page_url

pytestmark = pytest.mark.django_db

LONG = "x" * 10_001
HUGE = str(10**30)
BAD_REQUEST = "Requête invalide"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
OVERSIZED = b"# A\n" + b"x" * (2 * 1024 * 1024)  # a report is at most 2 MB


def case(name, method, url, expected, data=None, who="visitor", headers=None):
    return pytest.param(method, url, data, who, headers or {}, expected, id=name)


def staff(name, method, url, expected, data=None):
    return case(name, method, url, expected, data, who="editor")


def upload(name, content):
    # A fresh file for each run: an upload is read once.
    return lambda: {"report": SimpleUploadedFile(name, content)}


def login(username, password, **extra):
    return {"username": username, "password": password, **extra}


SESSIONS_ADMIN = "/en/admin/forum_sessions/session/"
IMPORT = SESSIONS_ADMIN + "import/"
ADMIN_LOGIN = "/en/admin/login/"
LOGIN = "/en/accounts/login/"

CASES = [
    # NUL bytes, raw and %-encoded, in the query string and in the path.
    case("list-q-raw-nul", "GET", "/en/sessions/?q=a\x00b", 400),
    case("list-q-encoded-nul", "GET", "/en/sessions/?q=a%00b", 400),
    case("list-q-nul-from-form-data", "GET", "/en/initiatives/", 400, {"q": "\x00"}),
    case("list-country-nul", "GET", "/en/speakers/?country=F%00R", 400),
    case("list-param-name-nul", "GET", "/en/sessions/?th%00eme=x", 400),
    case("detail-raw-nul-in-path", "GET", "/en/sessions/sess\x00ion/", 400),
    case("detail-encoded-nul-in-path", "GET", "/en/sessions/sess%00ion/", 400),
    case("country-nul-in-path", "GET", "/fr/countries/%00/", 400),
    case("admin-login-next-nul", "GET", ADMIN_LOGIN + "?next=/en/admin/%00", 400),
    staff("import-query-nul", "GET", IMPORT + "?x=%00", 400),
    # ...and in headers, which django-axes stores for a failed login.
    case("admin-login-user-agent-nul", "POST", ADMIN_LOGIN, 400, headers={"user-agent": "\x00"}),
    case("list-referer-nul", "GET", "/en/sessions/", 400, headers={"referer": "/\x00"}),
    # Broken %-escapes and bytes that are not UTF-8.
    case("list-q-escape-zz", "GET", "/en/sessions/?q=%ZZ", 400),
    case("list-q-truncated-escape", "GET", "/en/sessions/?q=abc%", 400),
    case("list-q-half-escape", "GET", "/en/initiatives/?q=%4", 400),
    case("list-q-invalid-utf8", "GET", "/en/sessions/?q=%C3%28", 400),
    case("list-q-overlong-utf8", "GET", "/en/speakers/?q=%C0%AF", 400),
    case("list-q-encoded-surrogate", "GET", "/en/sessions/?q=%ED%A0%80", 400),
    # A byte that is not UTF-8, sent raw (the test client would encode it from a URL).
    case("list-q-raw-latin1-byte", "RAW-GET", "/en/sessions/", 400, "q=caf\xe9"),
    case("detail-escape-zz-in-path", "GET", "/en/sessions/%ZZ/", 400),
    case("detail-invalid-utf8-in-path", "GET", "/en/sessions/%C3%28/", 400),
    case("detail-lone-continuation-byte", "GET", "/fr/initiatives/%80/", 400),
    # Pages that are not pages.
    case("list-page-zero", "GET", "/en/sessions/?page=0", 200),
    case("list-page-negative", "GET", "/en/sessions/?page=-1", 200),
    case("list-page-huge", "GET", f"/en/initiatives/?page={HUGE}", 200),
    case("list-page-text", "GET", "/en/speakers/?page=abc", 200),
    case("list-page-float", "GET", "/en/sessions/?page=1e3", 200),
    case("list-page-empty", "GET", "/fr/sessions/?page=", 200),
    # Filter values that match nothing, or cannot.
    case("list-year-negative", "GET", "/en/initiatives/?year=-1", 200),
    case("list-year-huge", "GET", f"/en/sessions/?year={HUGE}", 200),
    case("list-country-unknown", "GET", "/en/sessions/?country=ZZ", 200),
    case("list-country-long", "GET", "/en/speakers/", 200, {"country": LONG}),
    case("list-theme-unknown", "GET", "/en/sessions/?theme=no-such-theme", 200),
    case("list-forum-huge", "GET", f"/en/sessions/?forum={HUGE}", 200),
    case("list-type-path", "GET", "/en/sessions/?type=../../etc/passwd", 200),
    case("list-language-unknown", "GET", "/fr/sessions/?language=zz", 200),
    case("list-sort-unknown", "GET", "/en/initiatives/?sort=-password", 200),
    case("list-q-sql", "GET", "/en/sessions/", 200, {"q": "' OR 1=1; --"}),
    case("list-q-operators", "GET", "/en/sessions/", 200, {"q": '"a" NEAR(b* OR -c) AND ^'}),
    case("list-q-control-chars", "GET", "/en/sessions/", 200, {"q": "\x01\x1b[31m\x7f\t"}),
    case("list-q-10001-chars", "GET", "/en/sessions/", 200, {"q": LONG}),
    case("list-q-10001-chars-fr", "GET", "/fr/initiatives/", 200, {"q": LONG}),
    # Repeated and unknown parameters.
    case("list-repeated-page", "GET", "/en/sessions/?page=1&page=2&page=abc", 200),
    case("list-repeated-country", "GET", "/en/speakers/?country=FR&country=ZZ&country=FR", 200),
    case("list-repeated-q", "GET", "/en/sessions/?q=a&q=b", 200),
    case("list-unknown-params", "GET", "/en/sessions/?utm_source=x&foo[]=1&=&&", 200),
    case("detail-unknown-params", "GET", "/en/sessions/session/?page=-1&q=%27", 200),
    # Ids and slugs that do not exist.
    case("detail-negative-slug", "GET", "/en/sessions/-1/", 404),
    case("detail-huge-number", "GET", f"/en/initiatives/{HUGE}/", 404),
    case("detail-long-slug", "GET", f"/en/speakers/{LONG}/", 404),
    case("detail-unknown-organisation", "GET", "/fr/organisations/nobody/", 404),
    case("country-unknown-code", "GET", "/en/countries/XX/", 404),
    case("country-long-code", "GET", f"/en/countries/{'F' * 300}/", 404),
    case("country-lower-case", "GET", "/en/countries/fr/", 200),
    # The admin says "no such session" and goes back to its index.
    staff("admin-change-huge-id", "GET", f"{SESSIONS_ADMIN}{HUGE}/change/", 302),
    staff("admin-change-negative-id", "GET", f"{SESSIONS_ADMIN}-1/change/", 302),
    staff("admin-invite-huge-id", "GET", f"/en/admin/speakers/speaker/{HUGE}/invite/", 404),
    # Languages the site does not speak.
    case("language-unknown-home", "GET", "/xx/", 404),
    case("language-unknown-list", "GET", "/xx/sessions/", 404),
    case("language-region-variant", "GET", "/en-us/sessions/", 404),
    case("language-upper-case", "GET", "/EN/sessions/", 404),
    case("language-unknown-admin", "GET", "/zz/admin/login/", 404),
    # The wrong method.
    case("list-post", "POST", "/en/sessions/", 405),
    case("list-put", "PUT", "/en/initiatives/", 405),
    case("list-delete", "DELETE", "/en/speakers/", 405),
    case("detail-post", "POST", "/en/sessions/session/", 405),
    case("detail-patch", "PATCH", "/en/themes/theme/", 405),
    case("forum-delete", "DELETE", "/en/forums/forum/", 405),
    case("home-post", "POST", "/fr/", 405),
    # Django's form views take a PUT as a POST: the form comes back with its errors.
    case("admin-login-put", "PUT", ADMIN_LOGIN, 200),
    # Login forms with oversized or poisoned fields.
    case("admin-login-long-username", "POST", ADMIN_LOGIN, 200, login(LONG, "x")),
    case("admin-login-long-password", "POST", ADMIN_LOGIN, 200, login("editor", LONG)),
    case("admin-login-nul-username", "POST", ADMIN_LOGIN, 200, login("ed\x00itor", "x")),
    case("admin-login-nul-password", "POST", ADMIN_LOGIN, 200, login("editor", "\x00")),
    case("admin-login-empty", "POST", ADMIN_LOGIN, 200, {}),
    case("admin-login-extra-fields", "POST", ADMIN_LOGIN, 200, login("a", "b", is_superuser=1)),
    case("login-long-both", "POST", LOGIN, 200, login(LONG, LONG)),
    case("login-next-offsite", "GET", LOGIN + "?next=//evil.example/", 200),
    # The report import, with files that are not reports: the form says what is wrong.
    staff("import-empty-file", "POST", IMPORT, 200, upload("empty.md", b"")),
    staff("import-binary-file", "POST", IMPORT, 200, upload("a.png", PNG)),
    staff("import-nul-bytes", "POST", IMPORT, 200, upload("nul.md", b"# Title\x00\n" * 50)),
    staff("import-oversized-file", "POST", IMPORT, 200, upload("big.md", OVERSIZED)),
    staff("import-not-a-report", "POST", IMPORT, 200, upload("notes.txt", b"Lunch at noon.")),
    staff("import-invalid-utf8", "POST", IMPORT, 200, upload("bad.md", b"# Caf\xc3\x28 \xff")),
    staff("import-no-file", "POST", IMPORT, 200, {}),
    staff("import-forged-payload", "POST", IMPORT, 302, {"payload": "forged"}),
    staff("import-delete", "DELETE", IMPORT, 200),
    case("import-as-visitor", "POST", IMPORT, 302, upload("a.md", b"# A")),
]

# The search page (issue 5), when it exists.
SEARCH_CASES = [
    case("search-q-nul", "GET", "?q=%00", 400),
    case("search-q-invalid-utf8", "GET", "?q=%C3%28", 400),
    case("search-q-10001-chars", "GET", "", 200, {"q": LONG}),
    case("search-q-operators", "GET", "", 200, {"q": '"unclosed NEAR(a b) OR * -'}),
    case("search-page-huge", "GET", f"?q=economy&page={HUGE}", 200),
    case("search-page-negative", "GET", "?q=economy&page=-1", 200),
    case("search-post", "POST", "", 405),
]


@pytest.fixture
def site():
    return build_site()


def send(client, method, url, data, headers):
    if method == "GET":
        return client.get(url, data, headers=headers) if data else client.get(url, headers=headers)
    if method == "POST":
        return client.post(url, data or {}, headers=headers)
    if method == "RAW-GET":  # the query string as the server hands it over (latin-1 text)
        return client.generic("GET", url, QUERY_STRING=data, headers=headers)
    return client.generic(method, url, headers=headers)


def check(client, method, url, data, who, headers, expected, editor, assert_max_queries):
    if who == "editor":
        client.force_login(editor)
    if callable(data):
        data = data()
    if expected == 400:
        # Refused before any view, session or query.
        with assert_max_queries(0):
            response = send(client, method, url, data, headers)
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert BAD_REQUEST in response.content.decode()
    else:
        response = send(client, method, url, data, headers)
    assert response.status_code == expected
    if url == IMPORT and data and "report" in data and expected == 200:
        assert response.context["form"].errors  # and the page says what is wrong
    assert list(Session.objects.values_list("slug", flat=True)) == ["session"]  # nothing written


PARAMETERS = ("method", "url", "data", "who", "headers", "expected")


@pytest.mark.parametrize(PARAMETERS, CASES)
def test_bad_input_never_fails(
    client, site, editor, django_assert_max_num_queries, method, url, data, who, headers, expected
):
    args = (method, url, data, who, headers, expected)
    check(client, *args, editor, django_assert_max_num_queries)


@pytest.mark.parametrize(PARAMETERS, SEARCH_CASES)
def test_bad_search_input_never_fails(
    client, site, editor, django_assert_max_num_queries, method, url, data, who, headers, expected
):
    args = (method, page_url("search") + url, data, who, headers, expected)
    check(client, *args, editor, django_assert_max_num_queries)


def test_the_bad_request_page_is_short_and_bilingual(client):
    response = client.get("/en/sessions/?q=%00")

    assert response.status_code == 400
    assert response.content.decode() == (
        "400 Bad Request\n\n"
        "The address or a header of the request contains a null byte or characters that are "
        "not properly encoded.\n\n"
        "Requête invalide : l’adresse ou un en-tête de la requête contient un octet nul ou des "
        "caractères mal encodés.\n"
    )
    assert dict(response.cookies) == {}


def test_a_well_formed_address_with_a_percent_sign_in_a_value_is_fine(client, site):
    response = client.get("/en/sessions/", {"q": "100% solidarity"})

    assert response.status_code == 200
    assert 'value="100% solidarity"' in response.text
