import pytest
from django.utils import translation


def pytest_configure(config):
    from django.conf import settings

    # The test client speaks plain HTTP and nothing has run collectstatic: switch off the
    # production-only redirect and manifest storage for the whole run.
    settings.SECURE_SSL_REDIRECT = False
    # Hashing a password on purpose takes a quarter of a second; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def english():
    """Tests start in English whatever the machine's locale; a test switches explicitly."""
    with translation.override("en"):
        yield


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username="editor", password="a-long-editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty cache: a page stored by one test never answers another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
