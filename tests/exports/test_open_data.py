"""The open-data archive (manage.py build_open_data) and the page that offers it."""

import csv
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from sessions.exports import archive

pytestmark = pytest.mark.django_db

TABLES = [
    "forums",
    "sessions",
    "presentations",
    "questions",
    "remarks",
    "initiatives",
    "speakers",
    "organisations",
    "themes",
]


@pytest.fixture
def built(corpus, tmp_path, settings):
    settings.OPEN_DATA_ARCHIVE = str(tmp_path / "open" / "gsef-open-data.zip")
    output = io.StringIO()
    call_command("build_open_data", "--site-url", "https://kb.example.org", stdout=output)
    return tmp_path / "open" / "gsef-open-data.zip", output.getvalue()


def read_table(path, name):
    with zipfile.ZipFile(path) as opened:
        text = opened.read(f"{name}.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_archive_has_every_table_and_readme(built):
    path, output = built
    with zipfile.ZipFile(path) as opened:
        assert opened.namelist() == [f"{name}.csv" for name in TABLES] + ["README.txt"]
        readme = opened.read("README.txt").decode()
    for table in archive.TABLES:
        assert f"\n{table.name}.csv\n" in readme
        for column in table.columns:
            assert (
                f"\n{column.name.ljust(max(map(len, table.names)))}  {column.description}\n"
                in readme
            )
    assert "sessions.csv: 3 rows" in output
    assert output.strip().endswith("s.")
    assert "Done: 9 tables" in output


def test_archive_holds_published_rows_only(built, corpus):
    path, _output = built
    slugs = {name: [row.get("slug") for row in read_table(path, name)] for name in TABLES}
    assert sorted(slugs["sessions"]) == ["financing", "housing-session", "women"]
    assert sorted(slugs["initiatives"]) == ["housing", "savings"]
    assert sorted(slugs["speakers"]) == ["awa", "jean", "kofi"]
    assert slugs["forums"] == ["gsef-2018", "gsef-2020"]
    assert sorted(slugs["themes"]) == ["cooperatives", "social-finance"]
    draft = str(corpus["draft"].pk)
    for name in ("presentations", "questions", "remarks"):
        rows = read_table(path, name)
        assert rows and draft not in {row["session_id"] for row in rows}
    assert len(read_table(path, "presentations")) == 4
    assert [row["question_en"] for row in read_table(path, "questions")] == [
        "How do we get laws in favour of the SSE?"
    ]
    organisations = [row["name"] for row in read_table(path, "organisations")]
    assert "RIPESS" in organisations
    [financing] = [r for r in read_table(path, "sessions") if r["slug"] == "financing"]
    assert financing["url"] == "https://kb.example.org/en/sessions/financing/"
    assert financing["themes"] == "Cooperatives; Social finance"


def test_presentations_link_their_initiatives(built, corpus):
    path, _output = built
    ids = {row["slug"]: row["id"] for row in read_table(path, "initiatives")}
    linked = [
        row["initiative_ids"] for row in read_table(path, "presentations") if row["initiative_ids"]
    ]
    assert sorted(linked) == sorted([ids["savings"], ids["housing"]])


def test_unwritable_path_gives_a_clear_error(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match=r"Could not write the archive to .*a-file/x\.zip: "):
        call_command("build_open_data", "--output", str(blocker / "x.zip"))
    with pytest.raises(CommandError, match="is a directory"):
        call_command("build_open_data", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="--site-url must be an address"):
        call_command("build_open_data", "--output", str(tmp_path / "y.zip"), "--site-url", "kb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_rebuild_replaces_the_archive_atomically(built, corpus):
    path, _output = built
    corpus["third"].is_published = False
    corpus["third"].save()
    call_command("build_open_data", stdout=io.StringIO())
    assert sorted(r["slug"] for r in read_table(path, "sessions")) == [
        "financing",
        "housing-session",
    ]
    assert [p.name for p in path.parent.iterdir()] == ["gsef-open-data.zip"]  # no temporary left


def test_open_data_page_links_archive_exports_and_api(client, built):
    response = client.get("/en/open-data/")
    assert response.status_code == 200
    text = response.text
    assert 'href="/en/open-data/gsef-open-data.zip"' in text
    assert 'href="/en/sessions/export.csv"' in text
    assert 'href="/en/initiatives/export.json"' in text
    assert 'href="/api/v1/docs/"' in text
    assert "<code>forums.csv</code>, <code>sessions.csv</code>" in text


def test_archive_download_streams_the_file(client, built):
    path, _output = built
    response = client.get("/fr/open-data/gsef-open-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="gsef-open-data.zip"'
    assert b"".join(response.streaming_content) == path.read_bytes()


def test_archive_not_built_is_404_with_a_message(client, settings, tmp_path, db):
    settings.OPEN_DATA_ARCHIVE = str(tmp_path / "missing.zip")
    response = client.get("/en/open-data/gsef-open-data.zip")
    assert response.status_code == 404
    assert "The open-data archive has not been built yet" in response.content.decode()
    page = client.get("/en/open-data/")
    assert page.status_code == 200
    assert "The archive has not been built yet." in page.text
    assert "gsef-open-data.zip" not in page.text
