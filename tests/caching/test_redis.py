"""The Redis cache backend: pages are still served when Redis is down, and the backend
behaves like Django's."""

import pytest

from tests.caching.helpers import SESSION_URL
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_pages_are_served_and_edits_saved_when_redis_is_down(client, site, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "gsef.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = client.get(SESSION_URL)
    ThemeFactory(slug="new-theme")

    assert response.status_code == 200
    assert "Financing the social economy" in response.text
    assert "Page cache lookup failed" in caplog.text
    assert "Could not invalidate the page cache" in caplog.text


def _redis_cache():
    """The project's Redis cache backend on this machine's Redis, or a skip saying why."""
    import redis

    from gsef.redis_cache import RedisCache

    url = "redis://127.0.0.1:6379/9"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis answers at 127.0.0.1:6379 (apt-get install redis-server)")
    return RedisCache(url, {"KEY_PREFIX": f"test-{id(url)}"})


def test_the_redis_backend_reuses_one_client_and_behaves_like_djangos():
    cache = _redis_cache()
    cache.clear()

    cache.set("page", ("generation", b"<html>"), 60)
    cache.set("counter", 1, 60)
    cache.incr("counter")

    assert cache.get_many(["page", "counter", "missing"]) == {
        "page": ("generation", b"<html>"),
        "counter": 2,
    }
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.clear()
    assert cache.get("page") is None
