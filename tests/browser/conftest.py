"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Where no Chromium is installed they skip, saying how to install it (in CI they fail).
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

from tests.skips import missing

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (creating rows) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        missing("Debian's Chromium, for the browser tests,", "apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(live_server):
    """The demo data, committed where the live server can see it."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server
