"""Beside each list's results, a link to download them that keeps the list's filters."""

import re
from html import unescape

import pytest

from tests.exports.helpers import csv_rows, html_ids

pytestmark = pytest.mark.django_db


def download_links(response):
    return [
        unescape(href) for href in re.findall(r'href="([^"]*/export\.[a-z]+[^"]*)"', response.text)
    ]


def test_session_list_links_keep_the_filters(client, corpus):
    response = client.get(
        "/en/sessions/?theme=cooperatives&theme=social-finance&country=SN&page=1&utm_source=mail"
    )
    assert download_links(response) == [
        "/en/sessions/export.csv?country=SN&theme=cooperatives&theme=social-finance",
        "/en/sessions/export.json?country=SN&theme=cooperatives&theme=social-finance",
    ]
    [csv_link, _json] = download_links(response)
    exported = [int(row["id"]) for row in csv_rows(client.get(csv_link))]
    listed = html_ids(
        client, "/en/sessions/?theme=cooperatives&theme=social-finance&country=SN", "session_list"
    )
    assert exported == listed == [corpus["first"].pk, corpus["third"].pk]


def test_unfiltered_list_links_have_no_query(client, corpus):
    assert download_links(client.get("/fr/initiatives/")) == [
        "/fr/initiatives/export.csv",
        "/fr/initiatives/export.json",
    ]


def test_speaker_and_search_links(client, corpus):
    assert download_links(client.get("/en/speakers/?sort=country&q=awa")) == [
        "/en/speakers/export.csv?q=awa&sort=country",
        "/en/speakers/export.json?q=awa&sort=country",
    ]
    assert download_links(client.get("/en/search/?q=solidarity%20savings&type=initiative")) == [
        "/en/search/export.csv?q=solidarity%20savings&type=initiative",
        "/en/search/export.json?q=solidarity%20savings&type=initiative",
    ]


def test_no_link_without_results(client, corpus):
    assert download_links(client.get("/en/sessions/?q=nothingmatchesthis")) == []
    assert download_links(client.get("/en/search/")) == []


def test_links_name_the_formats(client, corpus):
    text = client.get("/en/sessions/").text
    assert "Download these results:" in text
    assert 'download type="text/csv">CSV (spreadsheet)</a>' in text
