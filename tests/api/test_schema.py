"""The OpenAPI schema validates and names every endpoint; its documentation works offline,
under the site's Content-Security-Policy."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.urls import get_resolver
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/sessions/",
    "/api/v1/sessions/{slug}/",
    "/api/v1/initiatives/",
    "/api/v1/initiatives/{slug}/",
    "/api/v1/speakers/",
    "/api/v1/speakers/{slug}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{slug}/",
    "/api/v1/forums/",
    "/api/v1/forums/{slug}/",
    "/api/v1/themes/",
    "/api/v1/themes/{slug}/",
    "/api/v1/countries/",
    "/api/v1/countries/{code}/",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_validates_and_has_every_endpoint(schema):
    validate(schema)

    assert sorted(schema["paths"]) == sorted(ENDPOINTS)
    assert all(list(operations) == ["get"] for operations in schema["paths"].values())


def test_every_routed_api_view_is_in_the_schema(schema):
    resolver = get_resolver()
    api_patterns = [
        str(pattern.pattern)
        for pattern in resolver.url_patterns
        if str(pattern.pattern) == "api/v1/"
    ]
    assert api_patterns == ["api/v1/"]
    [api] = [p for p in resolver.url_patterns if str(p.pattern) == "api/v1/"]
    routed = {
        "/api/v1/" + re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", str(p.pattern)).strip("^$")
        for p in api.url_patterns
    }
    documented = {"/api/v1/", "/api/v1/schema/", "/api/v1/docs/"}  # root, schema and docs
    assert routed - documented == set(schema["paths"])


def test_list_parameters_are_the_web_lists_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]}

    assert parameters == {
        "q", "country", "theme", "forum", "type", "language", "year", "sort",
        "page", "page_size", "lang",
    }  # fmt: skip


def test_docs_render_with_local_files_only(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources, response.text
    assert all(source.startswith("/") for source in sources), sources
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    assert "<script>" not in response.text  # the page's script is a file of its own
    for source in sources:
        path = source.split("?")[0]
        if path.startswith("/static/"):  # an installed file, which WhiteNoise serves
            assert finders.find(path.removeprefix("/static/")), path
        else:
            assert path == "/api/v1/docs/", path


def test_docs_script_points_at_the_schema(client):
    response = client.get("/api/v1/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.text


def test_docs_page_allows_only_its_own_inline_style(client):
    policy = client.get("/api/v1/docs/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))

    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/]+=*'", directives["style-src"])
    assert directives["script-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    site_policy = client.get("/api/v1/sessions/")["Content-Security-Policy"]
    assert "sha256" not in site_policy and "data:" not in site_policy
