"""The pages to measure, chosen from the database, and emptying the page cache between runs."""


def pick_targets():
    """Paths of the pages to measure, chosen from the database."""
    from django.db.models import Count, Q
    from django.templatetags.static import static
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from sessions.models import Initiative, Session, Theme

    with translation.override("en"):
        sessions = Session.objects.published()
        theme = (
            Theme.objects.annotate(n=Count("sessions", filter=Q(sessions__is_published=True)))
            .order_by("-n")
            .first()
        )
        year = (sessions.values("date__year").annotate(n=Count("id")).order_by("-n").first())[
            "date__year"
        ]
        session = sessions.order_by("pk")[sessions.count() // 2]
        # A typical initiative, not the first: the generated corpus links the first ones
        # (the head of its Zipf draw) to far more presentations than the rest.
        initiatives = Initiative.objects.published().order_by("pk")
        initiative = initiatives[initiatives.count() // 2]
        search = None
        for name in ("sessions:search", "search"):
            try:
                search = reverse(name) + "?q=microfinance"
                break
            except NoReverseMatch:
                continue
        pages = {
            "home": reverse("home"),
            "session list, 2 filters": (
                f"{reverse('sessions:session-list')}?theme={theme.slug}&year={year}"
            ),
            "session detail": session.get_absolute_url(),
            "initiative detail": initiative.get_absolute_url(),
            "search": search,
        }
        # The API's list and details beside the pages that show the same rows (issue 15).
        pages.update(api_targets(theme.slug, year, session.slug, initiative.slug))
        # Many different pages, for the load and memory runs.
        variety = [path for path in pages.values() if path]
        variety += [s.get_absolute_url() for s in sessions.order_by("?")[:400]]
        variety += [i.get_absolute_url() for i in initiatives[:100]]
        list_url = reverse("sessions:session-list")
        variety += [f"{list_url}?theme={theme.slug}&page={n}" for n in range(2, 7)]
        # Records never shown before, for the cold details: each request a different one.
        cold = {
            "session detail": [s.get_absolute_url() for s in sessions.order_by("?")[:40_000]],
            "initiative detail": [i.get_absolute_url() for i in initiatives.order_by("?")[:30_000]],
        }
        static_path = static("css/site.css")
        counts = {
            "published sessions": sessions.count(),
            "sessions": Session.objects.count(),
            "initiatives": Initiative.objects.count(),
        }
    return pages, variety, cold, static_path, counts


def clear_page_cache():
    from django.core.cache import cache

    cache.clear()


def api_targets(theme, year, session, initiative):
    """The API's session list with the same two filters as the page's, and its session and
    initiative details; none when this version of the site has no API."""
    from django.urls import NoReverseMatch, reverse

    try:
        sessions = reverse("api:session-list")
    except NoReverseMatch:
        return {}
    return {
        "API session list, 2 filters": f"{sessions}?theme={theme}&year={year}",
        "API session detail": reverse("api:session-detail", args=[session]),
        "API initiative detail": reverse("api:initiative-detail", args=[initiative]),
    }
