"""A session's citation as a file: BibTeX, RIS or CSL-JSON, at its own address."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views import View

from sessions.models import Session
from sessions.syndication import citations

FORMATS = {
    "bibtex": ("application/x-bibtex", "bib"),
    "ris": ("application/x-research-info-systems", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}


def session_citation(request, session):
    """The session's CSL item, its address absolute."""
    url = request.build_absolute_uri(session.get_absolute_url())
    return citations.csl_item(session, url)


class CitationDownloadView(View):
    """`format` is one of FORMATS. Only published sessions: a draft's address gives a 404."""

    format = None

    def get(self, request, slug):
        queryset = Session.objects.published().select_related("forum").prefetch_related("themes")
        session = get_object_or_404(queryset, slug=slug)
        item = session_citation(request, session)
        keywords = citations.keywords(session)
        if self.format == "bibtex":
            body = citations.bibtex(item, keywords)
        elif self.format == "ris":
            body = citations.ris(item, keywords)
        else:
            body = json.dumps([item], ensure_ascii=False, indent=2) + "\n"
        content_type, extension = FORMATS[self.format]
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{session.slug}.{extension}"'
        return response


def download_links(session):
    """(label, address, format name) of each download, for the cite block."""
    return [
        (label, reverse(f"sessions:session-{name}", args=[session.slug]), name)
        for name, label in (("bibtex", "BibTeX"), ("ris", "RIS"), ("csl-json", "CSL-JSON"))
    ]


class CitationBlock:
    """What a session page's "cite this" block shows, worked out only when the block is
    rendered (the session's page may come from the cache without loading the session)."""

    def __init__(self, request, session):
        self.request = request
        self.session = session

    @cached_property
    def item(self):
        return session_citation(self.request, self.session)

    @cached_property
    def url(self):
        return self.item["URL"]

    @cached_property
    def apa(self):
        return mark_safe(citations.render(self.item, "apa"))  # noqa: S308 (texts escaped)

    @cached_property
    def chicago(self):
        return mark_safe(citations.render(self.item, "chicago"))  # noqa: S308 (texts escaped)

    @cached_property
    def downloads(self):
        return download_links(self.session)
