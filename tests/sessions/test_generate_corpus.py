from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sessions import corpus
from sessions.management.commands import generate_corpus
from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Presentation,
    Session,
    Theme,
)
from speakers.models import Organisation, Speaker
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

CONTENT = (Forum, Organisation, Speaker, Initiative, Session, Presentation, AudienceQuestion)
CONTENT += (ClosingRemark,)


def generate(sessions, **options):
    out = StringIO()
    options.setdefault("no_search_index", True)
    call_command("generate_corpus", sessions=sessions, stdout=out, **options)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in CONTENT}


def texts(row, field):
    """The row's text in each language it has."""
    return [value for value in (getattr(row, f"{field}_en"), getattr(row, f"{field}_fr")) if value]


def snapshot():
    """The corpus without database keys and timestamps: rows point at each other by slug."""
    return {
        "sessions": list(
            Session.objects.order_by("slug").values(
                "slug",
                "forum__slug",
                "title_en",
                "title_fr",
                "summary_en",
                "summary_fr",
                "guiding_question_en",
                "guiding_synthesis_fr",
                "session_type",
                "date",
                "start_time",
                "duration_minutes",
                "participant_count",
                "moderator__slug",
                "is_published",
            )
        ),
        "themes": sorted(
            Session.themes.through.objects.values_list("session__slug", "theme__slug")
        ),
        "presentations": list(
            Presentation.objects.order_by("session__slug", "order").values(
                "session__slug", "order", "speaker__slug", "title_en", "title_fr", "summary_fr"
            )
        ),
        "presented": sorted(
            Presentation.initiatives.through.objects.values_list(
                "presentation__session__slug", "presentation__order", "initiative__slug"
            )
        ),
        "questions": list(
            AudienceQuestion.objects.order_by("session__slug", "order").values(
                "session__slug",
                "order",
                "asker_name",
                "question_en",
                "answer_fr",
                "answered_by__slug",
            )
        ),
        "speakers": list(
            Speaker.objects.order_by("slug").values("slug", "name", "bio_en", "bio_fr")
        ),
        "initiatives": list(
            Initiative.objects.order_by("slug").values("slug", "name_en", "summary_fr", "country")
        ),
        "organisations": list(Organisation.objects.order_by("slug").values("slug", "name", "kind")),
    }


def test_generate_corpus_three_sessions_row_counts():
    output = generate(3)

    assert counts() == {
        "Forum": 3,
        "Organisation": 2,
        "Speaker": 6,
        "Initiative": 3,
        "Session": 3,
        "Presentation": Presentation.objects.count(),
        "AudienceQuestion": AudienceQuestion.objects.count(),
        "ClosingRemark": ClosingRemark.objects.count(),
    }
    assert all(session.presentations.exists() for session in Session.objects.all())
    assert Theme.objects.count() == len(corpus.THEMES)
    assert (
        f"presentations {Presentation.objects.count():,}, "
        f"presentation initiatives {Presentation.initiatives.through.objects.count():,}, "
        f"audience questions {AudienceQuestion.objects.count():,}"
    ) in output
    assert "Made 3 synthetic sessions in" in output


def test_generate_corpus_twenty_sessions_both_languages_and_drafts():
    generate(20)

    records = [*Session.objects.all(), *Presentation.objects.all(), *Initiative.objects.all()]
    title = {Session: "title", Presentation: "title", Initiative: "name"}
    languages = [
        (
            getattr(row, f"{title[type(row)]}_en") is not None,
            getattr(row, f"{title[type(row)]}_fr") is not None,
        )
        for row in records
    ]
    assert {(True, True), (True, False), (False, True)} == set(languages)
    assert languages.count((True, True)) > len(records) / 2
    published = list(Session.objects.values_list("is_published", flat=True))
    assert 0 < published.count(False) < published.count(True)
    # The original column holds the English text, or the French where there is no English.
    for session in Session.objects.all():
        assert session.title == (session.title_en or session.title_fr)


def test_generate_corpus_rows_pass_validation():
    generate(20)

    for model in CONTENT:
        for row in model.objects.all():
            row.full_clean()
    for session in Session.objects.select_related("forum"):
        assert session.forum.start_date <= session.date <= session.forum.end_date
        assert session.forum.year == session.forum.start_date.year
        assert session.duration_minutes is None or session.duration_minutes > 0
    for model in (Presentation, AudienceQuestion, ClosingRemark):
        for session in Session.objects.all():
            orders = list(model.objects.filter(session=session).values_list("order", flat=True))
            assert orders == list(range(1, len(orders) + 1))


def test_generate_corpus_marker_in_every_searchable_record():
    generate(20)

    marked = {
        Session: ["summary"],
        Presentation: ["summary"],
        Initiative: ["summary"],
        Speaker: ["bio"],
        AudienceQuestion: ["question"],
        ClosingRemark: ["text"],
    }
    for model, fields in marked.items():
        for row in model.objects.all():
            values = [text for field in fields for text in texts(row, field)]
            assert values, row
            assert all(corpus.MARKER in text for text in values), row
    assert all(
        corpus.MARKER in name for name in Organisation.objects.values_list("name", flat=True)
    )


def test_generate_corpus_says_it_is_synthetic():
    generate(3)

    assert all(forum.name.startswith("Synthetic forum") for forum in Forum.objects.all())
    for speaker in Speaker.objects.all():
        bios = texts(speaker, "bio")
        assert bios
        assert all("generate_corpus" in bio for bio in bios)
    assert all("(synthetic" in name for name in Organisation.objects.values_list("name", flat=True))


def test_generate_corpus_same_seed_same_corpus():
    generate(6, seed=5)
    first = snapshot()
    generate(6, seed=5, clear=True)
    assert snapshot() == first
    generate(6, seed=6, clear=True)
    assert snapshot()["sessions"] != first["sessions"]


def test_generate_corpus_twice_adds_a_second_run_and_clear_removes_both():
    real = SessionFactory(slug="a-real-session")
    generate(3)
    output = generate(3)

    assert "slugs syn2-" in output
    assert Session.objects.filter(slug__startswith="syn1-").count() == 3
    assert Session.objects.filter(slug__startswith="syn2-").count() == 3
    assert Forum.objects.filter(name__endswith="(run 2)").count() == 3

    output = generate(2, clear=True)
    assert "Deleted earlier synthetic data: " in output
    synthetic = r"^syn[0-9]+-"
    assert Session.objects.exclude(slug__regex=synthetic).get() == real
    assert Session.objects.get(pk=real.pk).forum == real.forum
    assert [model.objects.filter(slug__regex=r"^syn2-").count() for model in CONTENT[:5]] == [0] * 5
    assert Session.objects.filter(slug__startswith="syn1-").count() == 2
    assert Speaker.objects.filter(slug__startswith="syn1-").count() == 6


def test_generate_corpus_writes_no_history():
    generate(3)

    assert Session.history.count() == 0
    assert Speaker.history.count() == 0


def test_generate_corpus_progress_output():
    output = generate(20, batch_size=5)

    lines = output.splitlines()
    progress = [line.split(" (")[0] for line in lines if line.startswith("sessions ")]
    assert progress == ["sessions 5/20", "sessions 10/20", "sessions 15/20", "sessions 20/20"]
    assert lines[0] == "Making 20 synthetic sessions (seed 1, slugs syn1-...)"
    assert lines[-1].startswith("Made 20 synthetic sessions in ")


def test_generate_corpus_without_the_search_command_says_so(monkeypatch):
    monkeypatch.setattr(generate_corpus, "get_commands", lambda: {})

    output = generate(2, no_search_index=False)

    assert "The search index was not rebuilt: this project has no rebuild_search_index" in output


def test_generate_corpus_no_search_index_option():
    output = generate(2)

    assert "The search index was not rebuilt (--no-search-index)." in output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sessions": 0}, "--sessions must be a positive number"),
        ({"sessions": -4}, "--sessions must be a positive number"),
        ({"sessions": 5_000_000}, "is more than this command makes at once"),
        ({"sessions": 10, "batch_size": 0}, "--batch-size must be between 1 and 50,000"),
    ],
)
def test_generate_corpus_refuses_bad_arguments(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_corpus", stdout=StringIO(), **options)
    assert Session.objects.count() == 0


def test_generate_corpus_needs_a_number_of_sessions():
    with pytest.raises(CommandError, match="--sessions"):
        call_command("generate_corpus", stdout=StringIO())


def test_corpus_vocabulary_is_large_and_has_the_documented_terms():
    assert len(corpus.VOCABULARY) > 20_000
    english = [pair[0] for pair in corpus.VOCABULARY]
    french = [pair[1] for pair in corpus.VOCABULARY]
    assert len(set(english)) == len(english)
    assert len(set(french)) == len(french)
    ranks = {lang: corpus.rank_of(term) for lang, term in corpus.FREQUENT_TERMS.items()}
    assert max(ranks.values()) < 10
    ranks = {lang: corpus.rank_of(term) for lang, term in corpus.MID_TERMS.items()}
    assert 100 < min(ranks.values()) <= max(ranks.values()) < 1000
    ranks = {lang: corpus.rank_of(term) for lang, term in corpus.RARE_TERMS.items()}
    assert min(ranks.values()) > 15_000
    assert corpus.MARKER not in english + french


def test_generate_corpus_rebuilds_the_search_index_when_the_project_has_the_command():
    output = generate(2, no_search_index=False)

    assert "Search index rebuilt in " in output


def test_generate_corpus_drops_cached_pages():
    from gsef import cache

    before = cache.current_generation()

    generate(2)

    assert cache.current_generation() != before
