"""The search page and the index behind it, on SQLite (FTS5) and PostgreSQL alike."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sessions import search
from sessions.models import Presentation, SearchEntry, SearchKind, Session
from tests.factories import (
    AudienceQuestionFactory,
    ClosingRemarkFactory,
    ForumFactory,
    InitiativeFactory,
    OrganisationFactory,
    PresentationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.skips import postgresql_only

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/"


def results(response):
    """(kind label, title) of each result, in order, as the page shows them."""
    html = response.content.decode()
    items = re.findall(
        r'<p class="meta result-kind">(.*?)</p>\s*<h3><a href="[^"]*">(.*?)</a></h3>', html, re.S
    )
    return [(kind, _text(title)) for kind, title in items]


def _text(html):
    """The title as read, without the "not yet translated" note."""
    html = re.sub(r'<small class="fallback-note">.*?</small>', "", html)
    return re.sub(r"<[^>]+>", "", html).strip()


def titles(response):
    return [title for _kind, title in results(response)]


def heading(response):
    html = response.content.decode()
    return re.search(r'<h2 id="results-heading">(.*?)</h2>', html, re.S).group(1).strip()


def snippets(response):
    return re.findall(r'<p class="snippet">(.*?)</p>', response.content.decode(), re.S)


def facet(response, name):
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {str(o["value"]): o["count"] for o in found["options"]}


@pytest.fixture
def microfinance():
    """A session titled with the word, an initiative that only mentions it in its steps,
    an English-only initiative and a French-only question."""
    senegal = SessionFactory(
        title_en="Microfinance in Senegal", slug="microfinance-senegal", summary_en="Loans."
    )
    InitiativeFactory(
        name_en="Village savings groups",
        slug="village-savings",
        summary_en="Groups that save together.",
        steps_en="Members pool savings, then lend them as microfinance to each other.",
        country="GH",
    )
    PresentationFactory(session=senegal, title_en="Savings", initiatives=[])
    InitiativeFactory(
        name_en="Youth cooperatives",
        name_fr="",
        slug="youth-cooperatives",
        summary_en="Seed grants for cooperatives founded by young people.",
        country="IT",
    )
    AudienceQuestionFactory(
        session=senegal, question_en="", question_fr="Quand aura lieu la prochaine réunion ?"
    )
    # Initiatives are public once presented at a published session.
    for slug, title in [("village-savings", "First talk"), ("youth-cooperatives", "Second talk")]:
        PresentationFactory(
            session=senegal,
            title_en=title,
            initiatives=list(InitiativeFactory._meta.model.objects.filter(slug=slug)),
        )
    return senegal


# Ranking, languages, accents, typos, highlights


def test_title_match_ranks_above_a_body_match(client, microfinance):
    response = client.get(SEARCH, {"q": "microfinance"})

    assert results(response)[:2] == [
        ("Session", "Microfinance in Senegal"),
        ("Best practice", "Village savings groups"),
    ]


def test_french_word_finds_an_english_only_initiative(client, microfinance):
    response = client.get("/fr/search/", {"q": "coopératives"})

    # The initiative's name, then the presentation that names it.
    assert titles(response) == ["Youth cooperatives", "Second talk"]
    assert "<mark>cooperatives</mark>" in snippets(response)[0]


def test_english_word_finds_french_only_text_with_accents_folded(client, microfinance):
    response = client.get(SEARCH, {"q": "reunion"})

    assert results(response) == [("Audience question", "Quand aura lieu la prochaine réunion ?")]
    [snippet] = snippets(response)
    assert "Quand aura lieu la prochaine <mark>réunion</mark>" in snippet


def test_accented_query_finds_unaccented_text(client):
    PresentationFactory(title_en="Annual reunion of cooperatives")

    assert titles(client.get(SEARCH, {"q": "réunion"})) == ["Annual reunion of cooperatives"]


def test_typo_is_corrected_and_said_so(client, microfinance):
    response = client.get(SEARCH, {"q": "cooperatvie"})

    page = response.content.decode()
    assert "Nothing matched “cooperatvie”. Showing results for <strong>" in page
    assert titles(response) == ["Youth cooperatives", "Second talk"]


def test_web_search_syntax(client, microfinance):
    assert titles(client.get(SEARCH, {"q": '"savings groups"'})) == [
        "Village savings groups",
        "First talk",
    ]
    assert titles(client.get(SEARCH, {"q": '"groups savings"'})) == []
    assert sorted(titles(client.get(SEARCH, {"q": "seed OR pool"}))) == [
        "Village savings groups",
        "Youth cooperatives",
    ]
    assert titles(client.get(SEARCH, {"q": "microfinance -senegal"})) == ["Village savings groups"]


def test_script_in_content_comes_out_inert(client):
    InitiativeFactory(
        name_en="Solidarity <script>alert(1)</script> fund",
        slug="xss",
        summary_en="A fund <script>alert(2)</script> for <b>solidarity</b>.",
    )
    PresentationFactory(initiatives=list(InitiativeFactory._meta.model.objects.filter(slug="xss")))

    response = client.get(SEARCH, {"q": "solidarity", "type": "initiative"})

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<b>solidarity" not in page
    assert titles(response) == ["Solidarity &lt;script&gt;alert(1)&lt;/script&gt; fund"]
    [snippet] = snippets(response)
    if connection.vendor == "postgresql":  # ts_headline leaves tags out
        assert snippet.startswith("fund  alert(2)  for  <mark>solidarity</mark> .")
    else:
        assert snippet.startswith(
            "A fund &lt;script&gt;alert(2)&lt;/script&gt; for &lt;b&gt;<mark>solidarity</mark>"
            "&lt;/b&gt;."
        )


def test_snippet_markers_typed_into_content_cannot_make_markup(client):
    PresentationFactory(title_en="Markers", summary_en="a \x02fake\x03 mark and a real cooperative")

    response = client.get(SEARCH, {"q": "cooperative"})

    [snippet] = snippets(response)
    assert "fake mark and a real <mark>cooperative</mark>" in snippet


# Bad input: a page with a message, never an error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Type a word to search"),
        ("   ", "Type a word to search"),
        ("!&|():*", "No words to search for"),
        ("-microfinance", "No words to search for"),
        ('"microfinance', "2 results"),
        ('microfinance"', "2 results"),
        ("microfinance OR", "2 results"),
        ("OR OR microfinance", "2 results"),
        ("(microfinance", "2 results"),
        ("microfinance:*", "2 results"),
        ("title_en:microfinance", "0 results"),
        ("NEAR(microfinance senegal)", "0 results"),
        ("microfinance NEAR senegal", "0 results"),
        ("^microfinance", "2 results"),
        ("microfinance & !senegal | (x", "0 results"),
        ("'; DROP TABLE forum_sessions_searchentry; --", "0 results"),
        ("microfinance' OR '1'='1", "2 results"),
        ("\\x00 %00 \\\\", "0 results"),
        ("<script>alert(1)</script>", "0 results"),
        ("ünïcödé 中文 🙂", "0 results"),
    ],
)
def test_any_text_gives_a_page_with_a_message(client, microfinance, text, expected):
    response = client.get(SEARCH, {"q": text})

    assert response.status_code == 200
    assert heading(response) == expected
    assert SearchEntry.objects.filter(kind=SearchKind.SESSION).count() == 1


def test_very_long_text_is_shortened_and_said_so(client, microfinance):
    response = client.get(SEARCH, {"q": "microfinance " + "x" * 10_000})

    assert response.status_code == 200
    assert "only its first 200 characters were used" in response.content.decode()
    assert heading(response) == "2 results"


def test_many_words_are_all_searched_up_to_a_limit(client, microfinance):
    response = client.get(SEARCH, {"q": " ".join(["microfinance"] * 100)})

    assert heading(response) == "2 results"


def test_nul_byte_is_refused_before_the_database(client, microfinance):
    # The security middleware answers 400 to a NUL anywhere in the address; the search's
    # own cleaning would drop it too, should a request ever reach it.
    response = client.get(SEARCH, {"q": "micro\x00finance"})

    assert response.status_code == 400
    assert search.clean_text("micro\x00finance\x1f") == ("micro finance", False)


def test_bad_page_number_gives_the_first_page_with_a_message(client, microfinance):
    response = client.get(SEARCH, {"q": "microfinance", "page": "abc"})

    assert "“abc” is not a page number, so the first page is shown." in response.content.decode()
    assert heading(response) == "2 results"


@pytest.mark.parametrize(
    ("text", "fts5", "websearch"),
    [
        ("a b", '("a" AND "b")', "a b"),
        ('"a b" OR c', '("a b") OR ("c")', '"a b" or c'),
        ('a -b -"c d"', '(("a")) NOT ("b" OR "c d")', 'a -b -"c d"'),
        ('a" NEAR(b*) col:c ^d', '("a" AND "near b" AND "col c" AND "d")', 'a "near b" "col c" d'),
        ("Réunion", '("réunion")', "réunion"),
        ("« a b » OU “c d”", '("a b") OR ("c d")', '"a b" or "c d"'),
        ("or argent", '("or" AND "argent")', "or argent"),
    ],
)
def test_query_is_read_once_for_both_databases(text, fts5, websearch):
    query = search.Query.parse(text)

    assert query.fts5() == fts5
    assert str(query).strip() == websearch


# Facets and pagination


def test_facets_count_results_and_combine_with_the_words(client):
    theme = ThemeFactory(slug="finance", name_en="Finance")
    forum = ForumFactory(slug="gsef-2020", name="GSEF 2020")
    session = SessionFactory(forum=forum, title_en="Solidarity finance", slug="s1")
    session.themes.add(theme)
    initiative = InitiativeFactory(name_en="Solidarity bank", slug="bank", country="SN")
    initiative.themes.add(theme)
    PresentationFactory(
        session=session,
        title_en="Solidarity loans",
        speaker__country="SN",
        initiatives=[initiative],
    )
    InitiativeFactory(name_en="Solidarity draft", slug="draft", country="SN")  # never presented

    response = client.get(SEARCH, {"q": "solidarity"})

    assert heading(response) == "3 results"
    assert facet(response, "type") == {"session": 1, "presentation": 1, "initiative": 1}
    assert facet(response, "country") == {"SN": 2}
    assert facet(response, "theme") == {"finance": 3}
    assert facet(response, "forum") == {"gsef-2020": 2}

    response = client.get(SEARCH, {"q": "solidarity", "country": "SN"})
    assert sorted(titles(response)) == ["Solidarity bank", "Solidarity loans"]
    assert facet(response, "type") == {"presentation": 1, "initiative": 1}
    assert facet(response, "country") == {"SN": 2}  # its own filter left out of its counts

    response = client.get(SEARCH, {"q": "solidarity", "type": "session"})
    assert results(response) == [("Session", "Solidarity finance")]


def test_results_are_paginated_twenty_a_page(client):
    session = SessionFactory(title_en="Agenda")
    for order in range(1, 26):
        PresentationFactory(session=session, order=order, title_en=f"Cooperative talk {order}")

    first = client.get(SEARCH, {"q": "cooperative"})
    second = client.get(SEARCH, {"q": "cooperative", "page": 2})

    assert heading(first) == "25 results"
    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'start="21"' in second.content.decode()


def test_too_many_matches_are_capped_and_said_so(client, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    session = SessionFactory(title_en="Agenda")
    for order in range(1, 6):
        PresentationFactory(session=session, order=order, title_en=f"Cooperative talk {order}")

    response = client.get(SEARCH, {"q": "cooperative"})

    assert heading(response) == "More than 3 results: add a word or a filter to narrow them"
    assert len(titles(response)) == 3


def test_results_link_to_their_pages_in_the_page_language(client):
    session = SessionFactory(title_en="Cooperative day", title_fr="Journée coopérative", slug="day")
    PresentationFactory(session=session, order=2, title_en="Cooperative banks", title_fr="")
    speaker = SpeakerFactory(name="Ada Cooperative", slug="ada")
    ClosingRemarkFactory(session=session, speaker=speaker, order=1, text_en="Thanks.")

    response = client.get("/fr/search/", {"q": "cooperative"})

    page = response.content.decode()
    assert '<a href="/fr/sessions/day/">Journée coopérative</a>' in page
    assert '<a href="/fr/sessions/day/#presentation-2"><span class="fallback">' in page
    assert '<a href="/fr/speakers/ada/">Ada Cooperative</a>' in page
    assert sorted(results(response)) == [
        ("Intervenant", "Ada Cooperative"),
        ("Présentation", "Cooperative banks"),
        ("Remarque de clôture", "Thanks."),
        ("Session", "Journée coopérative"),
    ]


# The lists' text boxes use the same index


def test_list_text_box_uses_the_index(client, microfinance):
    assert [
        i.name
        for i in client.get("/fr/initiatives/", {"q": "coopératives"}).context["initiative_list"]
    ] == ["Youth cooperatives"]
    assert [
        s.title for s in client.get("/en/sessions/", {"q": "savings"}).context["session_list"]
    ] == ["Microfinance in Senegal"]
    assert list(client.get("/en/sessions/", {"q": "!&|"}).context["session_list"]) == []


# The index follows every change


def test_index_follows_create_edit_unpublish_and_delete(client):
    def found(words):
        return titles(client.get(SEARCH, {"q": words}))

    session = SessionFactory(title_en="Participatory budgets", slug="budgets")
    assert found("participatory") == ["Participatory budgets"]

    session.title_en = "Citizen budgets"
    session.save()
    assert found("participatory") == []
    assert found("citizen") == ["Citizen budgets"]

    session.is_published = False
    session.save()
    assert found("citizen") == []

    Session.objects.filter(pk=session.pk).update(is_published=True)  # the admin's action
    assert found("citizen") == ["Citizen budgets"]

    session.delete()
    assert found("citizen") == []
    assert not SearchEntry.objects.exists()


def test_people_and_initiatives_follow_their_sessions(client):
    organisation = OrganisationFactory(name="Cooperative Alliance", slug="alliance")
    speaker = SpeakerFactory(name="Grace Hopper", slug="grace", organisation=organisation)
    initiative = InitiativeFactory(name_en="Hopper fund", slug="hopper")
    session = SessionFactory(title_en="Draft", is_published=False)
    presentation = PresentationFactory(session=session, speaker=speaker, title_en="Talk")
    presentation.initiatives.add(initiative)
    assert titles(client.get(SEARCH, {"q": "hopper"})) == []

    Session.objects.filter(pk=session.pk).update(is_published=True)
    # The presentation names its speaker and initiative.
    assert sorted(titles(client.get(SEARCH, {"q": "hopper"}))) == [
        "Grace Hopper",
        "Hopper fund",
        "Talk",
    ]
    # The organisation's name ranks above the speaker whose entry mentions it.
    found = titles(client.get(SEARCH, {"q": "alliance"}))
    assert found[0] == "Cooperative Alliance"
    assert sorted(found[1:]) == ["Grace Hopper", "Talk"]

    presentation.initiatives.remove(initiative)
    assert sorted(titles(client.get(SEARCH, {"q": "hopper"}))) == ["Grace Hopper", "Talk"]

    organisation.name = "Mutual Alliance"
    organisation.save()
    speaker_entry = SearchEntry.objects.get(kind=SearchKind.SPEAKER, object_id=speaker.pk)
    assert "Mutual Alliance" in speaker_entry.body_en

    presentation.delete()
    assert titles(client.get(SEARCH, {"q": "hopper"})) == []


def test_rows_inserted_in_bulk_are_indexed_when_the_transaction_commits(
    client, django_capture_on_commit_callbacks
):
    # As the report importer does: save the session, bulk-insert its presentations.
    with django_capture_on_commit_callbacks(execute=True):
        session = SessionFactory(title_en="Imported report")
        Presentation.objects.bulk_create(
            [
                Presentation(
                    session=session, speaker=SpeakerFactory(), title_en="Beekeeping", order=1
                )
            ]
        )
        assert titles(client.get(SEARCH, {"q": "beekeeping"})) == []

    assert titles(client.get(SEARCH, {"q": "beekeeping"})) == ["Beekeeping"]


def test_children_follow_edits(client):
    question = AudienceQuestionFactory(question_en="What about housing?")
    assert titles(client.get(SEARCH, {"q": "housing"})) == ["What about housing?"]

    question.question_en = "What about transport?"
    question.save()
    assert titles(client.get(SEARCH, {"q": "housing"})) == []
    assert titles(client.get(SEARCH, {"q": "transport"})) == ["What about transport?"]


def test_rebuild_command_rebuilds_everything_and_says_so(microfinance):
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_en", "published"))
    SearchEntry.objects.all().delete()

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == f"Session: 1 entries (up to id {microfinance.pk})"
    assert [line.split(":")[0] for line in lines if " entries (up to id " in line] == [
        "Session",
        "Presentation",
        "Best practice",
        "Speaker",
        "Organisation",
        "Audience question",
    ]
    assert lines[-2] == f"Lexicon: reading the words of {len(before)} entries"
    assert re.fullmatch(rf"Search index rebuilt: {len(before)} entries in \d+\.\d s\.", lines[-1])
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_en", "published"))
    assert after == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@postgresql_only("--jobs fills the index in parallel on PostgreSQL")
def test_rebuild_with_two_jobs_gives_the_same_index(microfinance, client):
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_en", "published"))
    SearchEntry.objects.all().delete()

    out = StringIO()
    call_command("rebuild_search_index", jobs=2, stdout=out)

    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "title_en", "published"))
    assert after == before
    assert f"Search index rebuilt: {len(before)} entries" in out.getvalue()
    assert "Microfinance" in titles(client.get(SEARCH, {"q": "microfinance"}))[0]


def test_batched_reindex_writes_entries_once_at_the_end(client):
    with search.batched_reindex():
        session = SessionFactory(title_en="Beekeeping cooperatives", is_published=True)
        PresentationFactory(session=session, title_en="Honey and hives")
        assert SearchEntry.objects.count() == 0

    assert titles(client.get(SEARCH, {"q": "honey"})) == ["Honey and hives"]
    assert titles(client.get(SEARCH, {"q": "beekeeping"})) == ["Beekeeping cooperatives"]


def test_load_demo_batched_index_equals_a_full_rebuild():
    entries = ["kind", "object_id", "title_en", "title_fr", "summary_en", "body_en", "published"]
    call_command("load_demo", stdout=StringIO())
    loaded = sorted(SearchEntry.objects.values_list(*entries))

    call_command("rebuild_search_index", stdout=StringIO())

    assert len(loaded) > 50
    assert sorted(SearchEntry.objects.values_list(*entries)) == loaded


def test_rebuild_refuses_a_silly_number_of_jobs():
    with pytest.raises(CommandError, match="--jobs must be between 1 and 16, not 0."):
        call_command("rebuild_search_index", jobs=0)


# Queries


@pytest.mark.parametrize("n", [1, 5])
def test_search_page_query_count_does_not_grow_with_results(client, django_assert_num_queries, n):
    theme = ThemeFactory()
    for i in range(n):
        session = SessionFactory(title_en=f"Cooperative session {i}")
        session.themes.add(theme)
        PresentationFactory(session=session, title_en=f"Cooperative talk {i}")
        AudienceQuestionFactory(session=session, question_en="Cooperative question?")

    # Choices (themes, forums), the capped and ranked search (facets are counted from its
    # rows), the page of results with their snippets.
    with django_assert_num_queries(4):
        response = client.get(SEARCH, {"q": "cooperative"})

    assert heading(response) == f"{3 * n} results"


def test_database_specific_parts_exist():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_tsvector('gsef_fr', 'Réunions')::text")
            assert cursor.fetchone()[0] == "'reunion':1"
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master "
                "WHERE name LIKE 'forum_sessions_searchentry_fts%'"
            )
            assert cursor.fetchone()[0] >= 4


def test_theme_facet_follows_theme_changes(client):
    theme = ThemeFactory(slug="housing", name_en="Housing")
    session = SessionFactory(title_en="Cooperative housing")
    PresentationFactory(session=session, title_en="Cooperative flats")

    session.themes.add(theme)
    response = client.get(SEARCH, {"q": "cooperative", "theme": "housing"})
    assert sorted(titles(response)) == ["Cooperative flats", "Cooperative housing"]
    assert facet(response, "theme") == {"housing": 2}

    theme.sessions.remove(session)
    assert titles(client.get(SEARCH, {"q": "cooperative", "theme": "housing"})) == []

    session.themes.add(theme)
    theme.delete()
    themed = SearchEntry.objects.filter(kind__in=[SearchKind.SESSION, SearchKind.PRESENTATION])
    assert set(themed.values_list("themes", flat=True)) == {"  "}


def test_a_country_is_found_by_its_english_or_french_name(client, microfinance):
    # The initiative's country (IT) is only a code in its row.
    for words in ("Italy", "Italie", "cooperatives Italie"):
        assert "Youth cooperatives" in titles(client.get(SEARCH, {"q": words})), words
    assert "Youth cooperatives" not in titles(client.get(SEARCH, {"q": "Ghana"}))
