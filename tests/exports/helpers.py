import csv
import io
import json

from django.core.cache import cache


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def json_rows(response):
    return json.loads(body(response).decode("utf-8"))


def html_ids(client, url, name):
    """The ids of a list page's records, every page of it, in order."""
    ids, page = [], 1
    while True:
        separator = "&" if "?" in url else "?"
        cache.clear()  # the page's rows, not its fragments kept from an earlier request
        response = client.get(f"{url}{separator}page={page}")
        assert response.status_code == 200
        ids += [record.pk for record in response.context[name]]
        if not response.context["page_obj"].has_next():
            return ids
        page += 1
