"""Downloads of the public lists, as CSV or JSON, with the list's own filters and order.

The export of a list reads its rows by chunks (`.iterator(chunk_size=...)`), each with what
its columns need loaded in a fixed number of queries. An export that fits in one chunk is
answered whole, so that the page cache keeps it as it keeps a page (and drops it on the same
content change); a longer one is streamed as it is read, in constant memory, and is always
fresh, since a streamed response cannot be stored.
"""

from itertools import islice

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views import View

from sessions import search
from sessions.exports import columns, writers
from sessions.filters import InitiativeFilter, SearchFilter, SessionFilter, SpeakerFilter
from sessions.models import SearchEntry

CHUNK_SIZE = 500


class Site:
    """Makes the addresses in an export absolute, on the host it was asked from."""

    def __init__(self, root):
        self.root = root.rstrip("/")

    def url(self, path):
        return self.root + path


def export_response(table, rows, format, site, filename):
    """CSV or JSON of `rows`: whole if they fit in a chunk, streamed otherwise."""
    rows = iter(rows)
    first = list(islice(rows, CHUNK_SIZE))
    content_type = writers.content_type(format)
    if len(first) < CHUNK_SIZE:
        body = "".join(writers.pieces(format, table, first, site))
        response = HttpResponse(body.encode(), content_type=content_type)
    else:
        texts = writers.pieces(format, table, _chained(first, rows), site)
        response = StreamingHttpResponse((text.encode() for text in texts), content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    return response


def _chained(first, rest):
    yield from first
    first.clear()  # the first chunk's rows are not kept for the whole export
    yield from rest


def in_one_transaction(rows):
    """The rows, read inside a transaction that lasts as long as the export. Outside one,
    PostgreSQL's server-side cursor would be declared WITH HOLD, which computes and stores
    every row of the result before the first is sent (5 s for 88,000 sessions)."""
    with transaction.atomic(savepoint=False):
        yield from rows


def bad_filters(filterset):
    """400, naming each filter that has a bad value and why."""
    form = filterset.form
    lines = [_("This export cannot be made: correct or remove these filters and try again.")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        lines.extend(f"- {label}: {error}" for error in errors)
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


class ListExportView(View):
    """A list's records, filtered and sorted by the list's FilterSet from the same query
    string (the page number aside), in one file."""

    filterset_class = None
    table = None
    filename = None

    def get(self, request, format):
        filterset = self.filterset_class(
            self.filter_data(), queryset=self.table.queryset(), request=request
        )
        if not filterset.is_valid():
            return bad_filters(filterset)
        site = Site(request.build_absolute_uri("/"))
        return export_response(self.table, self.rows(filterset), format, site, self.filename)

    def filter_data(self):
        return self.request.GET

    def rows(self, filterset):
        return in_one_transaction(filterset.qs.iterator(chunk_size=CHUNK_SIZE))


class SessionExportView(ListExportView):
    filterset_class = SessionFilter
    table = columns.SESSIONS
    filename = "gsef-sessions"


class InitiativeExportView(ListExportView):
    filterset_class = InitiativeFilter
    table = columns.INITIATIVES
    filename = "gsef-initiatives"


class SpeakerExportView(ListExportView):
    filterset_class = SpeakerFilter
    table = columns.SPEAKERS
    filename = "gsef-speakers"


class SearchExportView(ListExportView):
    """The search page's results, best first: at most `search.CANDIDATES`, as on the page."""

    filterset_class = SearchFilter
    table = columns.SEARCH_RESULTS
    filename = "gsef-search"

    def filter_data(self):
        data = self.request.GET.copy()  # the words as the search page takes them
        data["q"], _shortened = search.clean_text(data.get("q", ""))
        return data

    def rows(self, filterset):
        ids = [match.pk for match in filterset.qs]
        position = 0
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start : start + CHUNK_SIZE]
            entries = SearchEntry.objects.filter(pk__in=chunk).select_related("forum")
            found = {
                entry.pk: entry for entry in entries.defer("search_vector", "body_en", "body_fr")
            }
            for pk in chunk:
                if pk in found:
                    position += 1
                    found[pk].position = position
                    yield found[pk]
