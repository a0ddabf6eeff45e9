"""Whole pages are cached for anonymous visitors, per language and URL, and dropped at once
when content changes; logged-in people always get fresh pages.

The fixtures every caching test module uses."""

import pytest
from django.test import Client

from tests.public_site import build_site


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def staff(editor):
    client = Client()
    client.force_login(editor)
    return client
