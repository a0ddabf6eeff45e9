"""A record's address from gsef.links is what reverse() writes, in every language and under
a script prefix, and what reverse() refuses is still refused."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from gsef.links import fixed_url, slug_url

VIEWS = [
    "sessions:session-detail",
    "sessions:initiative-detail",
    "sessions:theme-detail",
    "sessions:forum-detail",
    "speakers:speaker-detail",
    "speakers:organisation-detail",
]
SLUGS = ["dakar-2023", "a", "social_finance-2", "x" * 120]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("viewname", VIEWS)
def test_an_address_is_the_one_reverse_writes(viewname, language):
    with translation.override(language):
        for slug in SLUGS:
            assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
        assert slug_url(viewname, "dakar-2023").startswith(f"/{language}/")


def test_an_address_under_a_script_prefix():
    try:
        for prefix in ("/kb/", "/"):
            set_script_prefix(prefix)
            expected = reverse("sessions:session-detail", kwargs={"slug": "dakar-2023"})
            assert slug_url("sessions:session-detail", "dakar-2023") == expected
        assert expected == "/en/sessions/dakar-2023/"
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("slug", ["", "two words", "a/b"])
def test_what_reverse_refuses_is_refused(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("sessions:session-detail", slug)


def test_a_model_links_to_its_page(db):
    from tests.factories import SessionFactory, SpeakerFactory

    session, speaker = SessionFactory(slug="social-finance-2023"), SpeakerFactory(slug="ada")
    with translation.override("fr"):
        assert session.get_absolute_url() == "/fr/sessions/social-finance-2023/"
        assert speaker.get_absolute_url() == "/fr/speakers/ada/"


def test_an_admin_change_address_is_the_one_reverse_writes():
    from gsef.links import record_url

    for language in ("en", "fr"):
        with translation.override(language):
            for pk in (1, 100001, "a_2Fb"):
                assert record_url(
                    "admin:forum_sessions_session_change", "object_id", pk, current_app="admin"
                ) == reverse("admin:forum_sessions_session_change", args=[pk])


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("admin:autocomplete", ()),
        ("admin:speakers_speaker_change", ("__fk__",)),
        ("admin:forum_sessions_initiative_add", ()),
    ],
)
def test_a_fixed_address_is_the_one_reverse_writes_in_each_language(viewname, args):
    try:
        for language, prefix in [("en", "/"), ("fr", "/"), ("fr", "/kb/"), ("en", "/kb/")]:
            set_script_prefix(prefix)
            with translation.override(language):
                expected = reverse(viewname, args=args, current_app="admin")
                assert fixed_url(viewname, *args, current_app="admin") == expected
                assert expected.startswith(f"{prefix}{language}/admin/")
    finally:
        set_script_prefix("/")


def test_a_static_address_is_the_one_static_writes_and_follows_its_settings(settings):
    from django.templatetags.static import static

    from gsef.links import static_address

    path = "admin/img/icon-yes.svg"
    assert static_address(path) == static(path)
    settings.STATIC_URL = "/elsewhere/"
    assert static_address(path) == static(path)
    assert static_address(path).startswith("/elsewhere/")
