"""The pages to measure, chosen from the database, and making content stale between runs.

Every page type has the address measured warm and cached, and, for the cold runs, a list of
addresses of the same type that no request has asked for yet: other records, other filter
values, other search words. The home page has only one address: its cold figure is taken
one request at a time, content made stale before each (see pages.py)."""

import random
from dataclasses import dataclass, field
from urllib.parse import quote_plus

COLD_RECORDS = 30_000


@dataclass
class Target:
    path: str
    cold: list = field(default_factory=list)  # addresses of the same type, none asked for yet


def pick_targets():
    """({page type: Target}, the pages of the load and memory runs, counts of the data)."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import translation

    from sessions.corpus import CORE
    from sessions.models import Initiative, Session, Theme
    from speakers.models import Speaker

    shuffle = random.Random(2026).shuffle
    with translation.override("en"):
        sessions = Session.objects.published()
        themes = list(
            Theme.objects.annotate(n=Count("sessions", filter=Q(sessions__is_published=True)))
            .order_by("-n")
            .values_list("slug", flat=True)
        )
        years = list(
            sessions.values_list("date__year", flat=True).annotate(n=Count("id")).order_by("-n")
        )
        session = sessions.order_by("pk")[sessions.count() // 2]
        # A typical initiative, not the first: the generated corpus links the first ones
        # (the head of its Zipf draw) to far more presentations than the rest.
        initiatives = Initiative.objects.published().order_by("pk")
        initiative = initiatives[initiatives.count() // 2]
        speakers = Speaker.objects.published().order_by("pk")
        speaker = speakers[speakers.count() // 2]
        list_url = reverse("sessions:session-list")
        list_urls = {"en": list_url}
        with translation.override("fr"):
            list_urls["fr"] = reverse("sessions:session-list")
        search_url = reverse("sessions:search")

        def records(queryset):
            return [r.get_absolute_url() for r in queryset.order_by("?")[:COLD_RECORDS]]

        # Two filters at a time, every pair of facets, the first pages of each.
        facets = {
            "theme": themes,
            "year": years,
            "type": list(sessions.order_by().values_list("session_type", flat=True).distinct()),
            "language": ["en", "fr", "es"],
            "country": sorted(
                set(Speaker.objects.exclude(country="").values_list("country", flat=True))
            ),
        }
        names = list(facets)
        # In English and in French: at 150 requests a second, the English lists alone ran
        # out within the 10 s run, and wrk asked again for what nginx had kept.
        lists = [
            (language, f"{first}={a}&{second}={b}&page={page}")
            for i, first in enumerate(names)
            for second in names[i + 1 :]
            for a in facets[first]
            for b in facets[second]
            for page in (1, 2)
            for language in ("en", "fr")
        ]
        shuffle(lists)
        # Two words of the field at a time: tens of thousands of searches nobody made yet.
        words = [english.split()[0] for english, _ in CORE if english.split()[0].isalpha()]
        # Encoded as a browser sends them: a raw "ô" in the address is refused with a 400.
        pairs = [quote_plus(f"{a} {b}") for a in words for b in words if a < b]
        shuffle(pairs)
        pages = {
            "home": Target(reverse("home")),
            "session list, 2 filters": Target(
                f"{list_url}?theme={themes[0]}&year={years[0]}",
                [f"{list_urls[language]}?{query}" for language, query in lists],
            ),
            "session detail": Target(session.get_absolute_url(), records(sessions)),
            "initiative detail": Target(initiative.get_absolute_url(), records(initiatives)),
            "speaker detail": Target(speaker.get_absolute_url(), records(speakers)),
            "search": Target(
                f"{search_url}?q=microfinance", [f"{search_url}?q={pair}" for pair in pairs]
            ),
        }
        pages.update(api_targets(themes, years, lists, sessions, initiatives, session, initiative))
        # Many different pages, for the load and memory runs.
        variety = [target.path for target in pages.values()]
        variety += [s.get_absolute_url() for s in sessions.order_by("?")[:400]]
        variety += [i.get_absolute_url() for i in initiatives[:100]]
        variety += [f"{list_url}?theme={themes[0]}&page={n}" for n in range(2, 7)]
        counts = {
            "published sessions": sessions.count(),
            "sessions": Session.objects.count(),
            "initiatives": Initiative.objects.count(),
            "speakers": Speaker.objects.count(),
        }
    return pages, variety, counts


def api_targets(themes, years, lists, sessions, initiatives, session, initiative):
    """The API's session list with the same two filters as the page's (and, cold, the same
    pairs of filters in the same languages as the page's), and its session and initiative
    details."""
    from django.urls import reverse

    url = reverse("api:session-list")
    return {
        "API session list, 2 filters": Target(
            f"{url}?theme={themes[0]}&year={years[0]}",
            [f"{url}?{query}&lang={language}" for language, query in lists],
        ),
        "API session detail": Target(
            reverse("api:session-detail", args=[session.slug]),
            [
                reverse("api:session-detail", args=[slug])
                for slug in sessions.order_by("?").values_list("slug", flat=True)[:COLD_RECORDS]
            ],
        ),
        "API initiative detail": Target(
            reverse("api:initiative-detail", args=[initiative.slug]),
            [
                reverse("api:initiative-detail", args=[slug])
                for slug in initiatives.order_by("?").values_list("slug", flat=True)[:COLD_RECORDS]
            ],
        ),
    }


def clear_page_cache():
    """Make every page, fragment and count stale, as an edit does: the content generation
    moves on (gsef.cache.bump). What depends on no record stays: the citations' stand-in
    entries, which depend on the style files, a forum and a day."""
    from gsef import cache as page_cache

    page_cache.bump()
