"""A record's translation status: when its English and French texts last changed (as the
database holds them), the status shown and filtered in the admin, the index's "Needs
translation" box, the change form's notice and the public pages' note."""

import datetime
import itertools
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.translator import translator

from gsef.admin_translation import TranslationStatusAdmin
from gsef.translation_status import TranslationStatus, status_conditions, status_of
from sessions.models import ClosingRemark
from speakers.models import Speaker
from tests.factories import ClosingRemarkFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

EARLIER = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)
STAMPS = ("english_changed_at", "french_changed_at")


def stamps(record):
    return type(record).objects.filter(pk=record.pk).values_list(*STAMPS).get()


def set_stamps(record, english, french):
    """Stamps as a past edit left them (update() goes around save())."""
    type(record).objects.filter(pk=record.pk).update(
        english_changed_at=english, french_changed_at=french
    )


# One speaker in each state: (name, role_en, role_fr, bio_en, bio_fr, English time, French time).
SPEAKERS = [
    ("Ada", "Director", "Directrice", "", "", EARLIER, EARLIER),
    ("Bea", "Director", "Directrice", "Bio.", "", EARLIER, EARLIER),
    ("Cy", "Director", "", "", "Bio FR.", EARLIER, EARLIER),
    ("Dee", "Director", "Directrice", "", "", LATER, EARLIER),
    ("Eli", "Director", "Directrice", "", "", EARLIER, LATER),
    ("Fay", "Director", "Directrice", "", "", None, LATER),
    ("Gus", "", "", "", "", EARLIER, LATER),
    ("Hal", "", "Directrice", "", "", EARLIER, EARLIER),
]
STATUS_OF_SPEAKER = {
    "Ada": "Complete",
    "Bea": "French missing",
    "Cy": "French missing",  # both missing somewhere: French first
    "Dee": "French older than English",
    "Eli": "English older than French",
    "Fay": "Complete",  # an unknown time is never "older"
    "Gus": "Complete",  # no text at all: nothing to be older
    "Hal": "English missing",
}


@pytest.fixture
def speakers():
    for name, role_en, role_fr, bio_en, bio_fr, english, french in SPEAKERS:
        speaker = SpeakerFactory(
            name=name, role_en=role_en, role_fr=role_fr, bio_en=bio_en, bio_fr=bio_fr
        )
        set_stamps(speaker, english, french)


def column(response, first_column="name"):
    """{the row's first column: its Translation column} of a changelist page."""
    page = response.content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    found = {}
    for row in rows:
        name = re.search(rf'class="field-{first_column}"><a [^>]*>([^<]*)</a>', row)
        status = re.search(r'<td class="field-translation_status">([^<]*)</td>', row)
        if name and status:
            found[name.group(1)] = status.group(1)
    return found


# What save() stamps.


def test_a_new_record_in_both_languages_is_stamped_current():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="Ensemble.")

    english, french = stamps(remark)
    assert english is not None
    assert english == french
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.COMPLETE


def test_changing_the_english_makes_the_french_older_and_changing_the_french_catches_up():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="Ensemble.")
    set_stamps(remark, EARLIER, EARLIER)
    remark.refresh_from_db()

    remark.text_en = "All together."
    remark.save()
    english, french = stamps(remark)
    assert french == EARLIER
    assert english > EARLIER
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.FRENCH_OLDER

    remark.text_fr = "Tous ensemble."
    remark.save()
    assert stamps(remark) == (english, english)
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.COMPLETE


def test_changing_the_french_of_a_current_record_makes_the_english_older():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="Ensemble.")
    set_stamps(remark, EARLIER, EARLIER)
    remark.refresh_from_db()

    remark.text_fr = "Tous ensemble."
    remark.save()

    assert stamps(remark)[0] == EARLIER
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.ENGLISH_OLDER


def test_both_languages_changed_in_one_save_leave_the_record_current():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="Ensemble.")
    set_stamps(remark, EARLIER, EARLIER)
    remark.refresh_from_db()

    remark.text_en, remark.text_fr = "All together.", "Tous ensemble."
    remark.save()

    english, french = stamps(remark)
    assert english == french
    assert english > EARLIER


def test_a_translation_added_later_is_current():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="")
    english, french = stamps(remark)
    assert french is None
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.FRENCH_MISSING

    remark.text_fr = "Ensemble."
    remark.save()

    assert stamps(remark) == (english, english)
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.COMPLETE


def test_a_save_that_leaves_the_texts_as_they_were_changes_no_stamp():
    remark = ClosingRemarkFactory(text_en="One.\nTwo.", text_fr="Un.\nDeux.")
    set_stamps(remark, EARLIER, EARLIER)
    remark.refresh_from_db()

    remark.text_en = "One.\r\nTwo. "  # as a browser sends a textarea back
    remark.order = 7
    remark.save()

    assert stamps(remark) == (EARLIER, EARLIER)


def test_a_save_of_some_fields_writes_the_stamp_it_sets():
    remark = ClosingRemarkFactory(text_en="Together.", text_fr="Ensemble.")
    set_stamps(remark, EARLIER, EARLIER)
    remark.refresh_from_db()

    remark.text_en = "All together."
    remark.save(update_fields=["text_en"])

    english, french = stamps(remark)
    assert (english > EARLIER, french) == (True, EARLIER)
    assert ClosingRemark.objects.get().text_en == "All together."


def test_a_row_written_by_bulk_create_is_not_known_never_older():
    session = SessionFactory()
    speaker = SpeakerFactory()
    ClosingRemark.objects.bulk_create(
        [ClosingRemark(session=session, speaker=speaker, order=1, text_en="A", text_fr="B")]
    )
    remark = ClosingRemark.objects.get()
    assert stamps(remark) == (None, None)

    remark.text_en = "A, changed."
    remark.save()

    assert stamps(remark)[1] is None
    assert status_of(ClosingRemark.objects.get()) == TranslationStatus.COMPLETE
    older = ClosingRemark.objects.filter(status_conditions(ClosingRemark)["french_older"])
    assert list(older) == []


# The same status, in Python and in the database.


def test_every_row_meets_the_condition_of_exactly_its_own_status():
    texts = [None, "", "Text"]
    times = [(None, None), (None, LATER), (EARLIER, EARLIER), (EARLIER, LATER), (LATER, EARLIER)]
    Speaker.objects.bulk_create(
        Speaker(
            name=f"Speaker {n}",
            slug=f"speaker-{n}",
            role_en=role_en,
            role_fr=role_fr,
            bio_en=bio_en,
            bio_fr=bio_fr,
            english_changed_at=english,
            french_changed_at=french,
        )
        for n, ((role_en, role_fr, bio_en, bio_fr), (english, french)) in enumerate(
            itertools.product(itertools.product(texts, repeat=4), times)
        )
    )
    expected = {status: set() for status in TranslationStatus}
    for speaker in Speaker.objects.all():
        expected[status_of(speaker)].add(speaker.pk)

    conditions = status_conditions(Speaker)
    found = {
        status: set(Speaker.objects.filter(conditions[status]).values_list("pk", flat=True))
        for status in TranslationStatus
    }

    assert found == expected
    assert all(expected.values())  # every status has rows: the comparison means something


# The admin's list: the column and the filter.


def test_every_translated_models_admin_shows_the_status():
    without = [
        model._meta.label
        for model in translator.get_registered_models(abstract=False)
        if not isinstance(admin.site.get_model_admin(model), TranslationStatusAdmin)
    ]

    assert without == []


def test_the_speaker_list_shows_each_records_status(admin_client, speakers):
    response = admin_client.get(reverse("admin:speakers_speaker_changelist"))

    assert column(response) == STATUS_OF_SPEAKER


@pytest.mark.parametrize("n", [1, 5])
def test_the_list_reads_the_status_from_the_rows_it_loaded(
    admin_client, speakers, n, django_assert_num_queries
):
    SpeakerFactory.create_batch(n, bio_en="Only English.")
    url = reverse("admin:speakers_speaker_changelist")

    with django_assert_num_queries(LIST_QUERIES):
        admin_client.get(url)


# The session, the user, the number of rows filtered and in all, the page of rows.
LIST_QUERIES = 5


@pytest.mark.parametrize("status", TranslationStatus.values)
def test_the_filter_lists_exactly_the_records_in_that_state(admin_client, speakers, status):
    label = TranslationStatus(status).label
    url = reverse("admin:speakers_speaker_changelist")

    response = admin_client.get(url, {"translation": status})

    assert column(response) == {
        name: shown for name, shown in STATUS_OF_SPEAKER.items() if shown == label
    }


def test_the_filter_offers_every_status(admin_client):
    response = admin_client.get(reverse("admin:speakers_speaker_changelist"))

    changelist = response.context["cl"]
    choices = [choice["display"] for choice in changelist.filter_specs[-1].choices(changelist)]
    assert choices == [
        "All",
        "Complete",
        "French missing",
        "English missing",
        "French older than English",
        "English older than French",
    ]


# Editing a closing remark through the admin.


def remark_form(remark, **changes):
    return {
        "session": remark.session_id,
        "speaker": remark.speaker_id,
        "order": remark.order,
        "text_en": remark.text_en,
        "text_fr": remark.text_fr,
        **changes,
    }


def notice(response):
    found = re.search(
        r'<ul class="messagelist" id="outdated-translation"><li class="warning">(.*?)</li>',
        response.content.decode(),
        re.S,
    )
    return found and found.group(1)


def test_editing_a_remarks_english_then_its_french_in_the_admin(admin_client):
    remark = ClosingRemarkFactory(text_en="We must act together.", text_fr="Agissons ensemble.")
    set_stamps(remark, EARLIER, EARLIER)
    change = reverse("admin:forum_sessions_closingremark_change", args=[remark.pk])
    changelist = reverse("admin:forum_sessions_closingremark_changelist")
    assert notice(admin_client.get(change)) is None

    response = admin_client.post(change, remark_form(remark, text_en="We must all act together."))
    assert response.status_code == 302

    assert column(admin_client.get(changelist), "__str__") == {
        str(ClosingRemark.objects.get()): "French older than English"
    }
    english = ClosingRemark.objects.get().english_changed_at
    assert english.date() == timezone.now().date()
    today = date_format(timezone.localtime(english), "DATE_FORMAT")
    assert notice(admin_client.get(change)) == (
        f"The English text changed on {today} after the French was last written: "
        "the French may be out of date."
    )

    remark.refresh_from_db()
    response = admin_client.post(change, remark_form(remark, text_fr="Agissons tous ensemble."))
    assert response.status_code == 302

    assert column(admin_client.get(changelist), "__str__") == {
        str(ClosingRemark.objects.get()): "Complete"
    }
    assert notice(admin_client.get(change)) is None


def test_the_speaker_form_keeps_its_invitation_link_beside_the_notice(admin_client):
    speaker = SpeakerFactory(role_en="Director", role_fr="Directrice")
    set_stamps(speaker, LATER, EARLIER)

    response = admin_client.get(reverse("admin:speakers_speaker_change", args=[speaker.pk]))

    assert notice(response) == (
        "The English text changed on Dec. 3, 2026 after the French was last written: "
        "the French may be out of date."
    )
    invite = reverse("admin:speakers_speaker_invite", args=[speaker.pk])
    assert f'<a href="{invite}">Invite as moderator</a>' in response.content.decode()


def test_the_reverse_notice_in_french(admin_client):
    speaker = SpeakerFactory(role_en="Director", role_fr="Directrice")
    set_stamps(speaker, EARLIER, LATER)
    with translation.override("fr"):
        url = reverse("admin:speakers_speaker_change", args=[speaker.pk])
        expected = gettext(
            "The French text changed on %(date)s after the English was last written: "
            "the English may be out of date."
        )

    response = admin_client.get(url)

    assert url.startswith("/fr/")
    assert notice(response) == expected % {"date": "3 décembre 2026"}


def test_a_past_version_of_a_speaker_still_opens_from_its_history(admin_client):
    speaker = SpeakerFactory(role_en="Director", role_fr="Directrice")
    speaker.role_en = "Chair"
    speaker.save()
    first = speaker.history.order_by("history_id").first()

    response = admin_client.get(
        reverse("admin:speakers_speaker_simple_history", args=[speaker.pk, first.history_id])
    )

    assert response.status_code == 200
    assert 'value="Director"' in response.content.decode()
    assert notice(response) is None


# The admin index.


def backlog(response):
    box = re.search(
        r'<div class="module" id="translation-backlog">(.*?)</div>', response.content.decode(), re.S
    )
    if box is None:
        return None
    rows = re.findall(
        r'<th scope="row"><a href="([^"]*)">([^<]*)</a></th>\s*<td>(.*?)</td>', box.group(1), re.S
    )
    return {
        name: (url, re.findall(r'<a href="([^"]*)">([^<]*)</a>', statuses))
        for url, name, statuses in rows
    }


@pytest.fixture
def session():
    """A session whose own texts (and its forum's) are in both languages."""
    return SessionFactory(title_fr="Séance", forum__central_theme_fr="Solidarité")


def test_the_admin_index_counts_what_needs_translation(admin_client, speakers, session):
    ClosingRemarkFactory(session=session, text_en="Together.", text_fr="")
    ClosingRemarkFactory(session=session, text_en="Together.", text_fr="Ensemble.")
    stale = ClosingRemarkFactory(session=session, text_en="Again.", text_fr="Encore.")
    set_stamps(stale, LATER, EARLIER)

    response = admin_client.get("/en/admin/")

    speakers_list = "/en/admin/speakers/speaker/"
    remarks = "/en/admin/forum_sessions/closingremark/"
    assert backlog(response) == {
        "Closing remarks": (
            remarks,
            [
                (f"{remarks}?translation=french_missing", "French missing (1)"),
                (f"{remarks}?translation=french_older", "French older than English (1)"),
            ],
        ),
        "Speakers": (
            speakers_list,
            [
                (f"{speakers_list}?translation=french_missing", "French missing (2)"),
                (f"{speakers_list}?translation=english_missing", "English missing (1)"),
                (f"{speakers_list}?translation=french_older", "French older than English (1)"),
                (f"{speakers_list}?translation=english_older", "English older than French (1)"),
            ],
        ),
    }


def test_the_french_admin_index_links_to_the_french_lists(admin_client, session):
    ClosingRemarkFactory(session=session, text_en="Together.", text_fr="")
    with translation.override("fr"):
        name = capfirst(gettext("closing remarks"))
        label = f"{gettext('French missing')} (1)"

    response = admin_client.get("/fr/admin/")

    remarks = "/fr/admin/forum_sessions/closingremark/"
    assert backlog(response) == {
        name: (remarks, [(f"{remarks}?translation=french_missing", label)])
    }


def test_with_everything_translated_the_index_has_no_box(admin_client, session):
    ClosingRemarkFactory(session=session, text_en="Together.", text_fr="Ensemble.")

    assert backlog(admin_client.get("/en/admin/")) is None


def test_the_index_lists_only_what_the_user_may_see(client, django_user_model, session):
    ClosingRemarkFactory(session=session, text_en="Together.", text_fr="")
    SpeakerFactory(role_en="Director", role_fr="")
    user = django_user_model.objects.create_user(username="reader", is_staff=True)
    user.user_permissions.set([Permission.objects.get(codename="view_closingremark")])
    client.force_login(user)

    shown = backlog(client.get("/en/admin/"))

    assert list(shown) == ["Closing remarks"]


@pytest.mark.parametrize("n", [1, 5])
def test_the_index_counts_with_one_query_per_model(admin_client, n, django_assert_num_queries):
    ClosingRemarkFactory.create_batch(n, text_en="Together.", text_fr="")
    counted = [a for a in admin.site._registry.values() if isinstance(a, TranslationStatusAdmin)]

    # The session, the user and the recent actions, then one count per model.
    with django_assert_num_queries(3 + len(counted)):
        admin_client.get("/en/admin/")


# The public pages.


def remark_section(page, order):
    return re.search(rf'<section id="remark-{order}">(.*?)</section>', page, re.S).group(1)


def test_a_french_page_notes_a_remark_whose_french_is_older(client):
    session = SessionFactory(title_en="Finance", title_fr="Finance FR")
    stale = ClosingRemarkFactory(session=session, order=1, text_en="New.", text_fr="Ancien.")
    current = ClosingRemarkFactory(session=session, order=2, text_en="Same.", text_fr="Pareil.")
    set_stamps(stale, LATER, EARLIER)
    set_stamps(current, EARLIER, EARLIER)
    with translation.override("fr"):
        url = session.get_absolute_url()
        note = gettext("Translation older than the English text.")

    page = client.get(url).content.decode()

    expected = f'<p class="outdated-translation"><small class="fallback-note">({note})</small></p>'
    assert expected in remark_section(page, 1)
    assert "outdated-translation" not in remark_section(page, 2)
    assert page.count("outdated-translation") == 1


def test_the_english_page_of_the_same_remark_has_no_note(client):
    session = SessionFactory()
    stale = ClosingRemarkFactory(session=session, order=1, text_en="New.", text_fr="Ancien.")
    set_stamps(stale, LATER, EARLIER)

    page = client.get(session.get_absolute_url()).content.decode()

    assert "outdated-translation" not in page


def test_an_english_page_notes_a_speaker_whose_english_is_older(client):
    speaker = SpeakerFactory(role_en="Director", role_fr="Directrice")
    ClosingRemarkFactory(speaker=speaker)  # published: the speaker has a page
    set_stamps(speaker, EARLIER, LATER)

    page = client.get(speaker.get_absolute_url()).content.decode()

    assert (
        '<p class="outdated-translation"><small class="fallback-note">'
        "(Translation older than the French text.)</small></p>"
    ) in page


def test_a_bulk_created_remark_gets_no_note(client):
    session = SessionFactory()
    ClosingRemark.objects.bulk_create(
        [
            ClosingRemark(
                session=session, speaker=SpeakerFactory(), order=1, text_en="A", text_fr="B"
            )
        ]
    )
    with translation.override("fr"):
        url = session.get_absolute_url()

    page = client.get(url).content.decode()

    assert "B" in remark_section(page, 1)
    assert "outdated-translation" not in page
