"""The edge cache on a real nginx (Debian's), rendered from deploy/nginx.conf.template, in
front of the running site: a public page is answered by nginx without reaching Django, a
visitor with a session cookie always reaches Django and is never stored, and an edit shows
once the page's short lifetime is over."""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.signals import request_started

from tests.factories import SessionFactory
from tests.skips import missing
from tests.test_compose import render_nginx_template

NGINX = Path("/usr/sbin/nginx")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def edge(live_server, tmp_path, settings):
    if not NGINX.exists():
        missing("Debian's nginx, for the edge cache test,", "apt-get install nginx")
    settings.EDGE_CACHE_SECONDS, settings.EDGE_STALE_SECONDS = 1, 30
    port = free_port()
    server = render_nginx_template(
        GSEF_LISTEN=f"127.0.0.1:{port}",
        GSEF_UPSTREAM=live_server.url.removeprefix("http://"),
        GSEF_STATIC_ROOT=str(tmp_path / "static"),
        GSEF_CACHE_DIR=str(tmp_path / "cache"),
    )
    (tmp_path / "server.conf").write_text(server, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        # As root, nginx's workers would run as nobody, who cannot enter pytest's tmp_path.
        ("user root;\n" if os.getuid() == 0 else "")
        + f"""pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    include {tmp_path}/server.conf;
}}
""",
        encoding="utf-8",
    )
    command = [str(NGINX), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    subprocess.run([*command, "-e", str(tmp_path / "error.log")], check=True, timeout=30)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([*command, "-s", "stop"], timeout=30)


@pytest.fixture
def django_requests():
    """How many requests reached Django."""
    seen = []

    def count(**kwargs):
        seen.append(1)

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Cache-Status"), response.read().decode()


def test_a_public_page_is_answered_by_nginx_alone(edge, django_requests):
    SessionFactory(title_en="Care cooperatives in Seoul", slug="care", is_published=True)
    url = f"{edge}/en/sessions/care/"

    first = get(url)
    reached = len(django_requests)
    again = [get(url) for _ in range(5)]

    assert first[0] == "MISS" and "Care cooperatives in Seoul" in first[1]
    assert [status for status, _body in again] == ["HIT"] * 5
    assert all(body == first[1] for _status, body in again)
    assert len(django_requests) == reached  # not one of the five reached Django


def test_a_visitor_with_a_session_cookie_always_reaches_django(edge, django_requests):
    SessionFactory(title_en="Care cooperatives in Seoul", slug="care", is_published=True)
    url = f"{edge}/en/sessions/care/"

    answers = [get(url, cookie="sessionid=abc123") for _ in range(3)]

    assert [status for status, _body in answers] == ["BYPASS"] * 3
    assert len(django_requests) == 3
    assert get(url)[0] == "MISS"  # what was answered with the cookie was not stored


def test_an_edit_shows_once_the_short_lifetime_is_over(edge):
    session = SessionFactory(title_en="Care cooperatives in Seoul", slug="care", is_published=True)
    url = f"{edge}/en/sessions/care/"
    get(url)
    assert get(url)[0] == "HIT"

    session.title_en = "Care cooperatives in Seoul and Busan"
    session.save()
    edited_at = time.monotonic()
    while "Seoul and Busan" not in get(url)[1]:
        assert time.monotonic() - edited_at < 10, "the edit never showed"
        time.sleep(0.2)
    # EDGE_CACHE_SECONDS is 1 here: the edit shows after about a second, not minutes.
