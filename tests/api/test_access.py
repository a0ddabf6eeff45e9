"""Read-only, throttled for anonymous clients, and open to the partner sites named in the
settings (GET only, /api/ only)."""

import pytest

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example"


@pytest.fixture
def slow_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }


def test_anonymous_clients_are_throttled(client, api_site, slow_rate):
    # Each address a different one, so that none is answered by the page cache.
    statuses = [client.get(f"/api/v1/sessions/?page_size={n}").status_code for n in (1, 2, 3, 4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/forums/")
    assert response.status_code == 429
    assert "Request was throttled" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_default_rate_lets_a_client_browse(client, api_site, settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == "600/minute"
    statuses = {client.get(f"/api/v1/themes/?page_size={n}").status_code for n in range(1, 30)}

    assert statuses == {200}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, api_site, method):
    response = getattr(client, method)(
        "/api/v1/sessions/financing/", content_type="application/json"
    )

    assert response.status_code == 405
    assert client.get("/api/v1/sessions/financing/").json()["slug"] == "financing"


def test_no_origin_is_allowed_by_default(client, api_site):
    response = client.get("/api/v1/sessions/", HTTP_ORIGIN=PARTNER)

    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_partner_site_may_read_the_api(client, api_site, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]

    first = client.get("/api/v1/sessions/", HTTP_ORIGIN=PARTNER)
    kept = client.get("/api/v1/sessions/", HTTP_ORIGIN=PARTNER)
    other = client.get("/api/v1/sessions/", HTTP_ORIGIN="https://elsewhere.example")
    page = client.get("/en/sessions/", HTTP_ORIGIN=PARTNER)

    assert first["Access-Control-Allow-Origin"] == PARTNER
    assert (kept["X-Page-Cache"], kept["Access-Control-Allow-Origin"]) == ("hit", PARTNER)
    assert not other.has_header("Access-Control-Allow-Origin")
    assert not page.has_header("Access-Control-Allow-Origin")


def test_a_partner_preflight_allows_reading_only(client, api_site, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]

    response = client.options(
        "/api/v1/sessions/",
        HTTP_ORIGIN=PARTNER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
