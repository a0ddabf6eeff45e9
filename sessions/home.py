"""The home page: what it shows is over the whole collection, so it is computed once per
content change and language (the world map drawn with it) and kept for every visitor."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_countries.fields import Country

from gsef import cache as page_cache
from gsef.collation import collation_key
from sessions.models import Forum, Initiative, Session, Theme
from sessions.worldmap import legend, render_world_map


def initiative_counts_by_country():
    rows = (
        Initiative.objects.published()
        .exclude(country="")
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def theme_counts():
    """The themes with published sessions or initiatives, each with both numbers (`n`:
    sessions, `initiative_count`: initiatives)."""
    initiatives = dict(
        Initiative.objects.published()
        .order_by()
        .values_list("themes")
        .annotate(n=Count("pk", distinct=True))
    )
    themes = Theme.objects.annotate(
        n=Count("sessions", filter=Q(sessions__is_published=True), distinct=True)
    )
    found = []
    for theme in themes:
        theme.initiative_count = initiatives.get(theme.pk, 0)
        if theme.n or theme.initiative_count:
            found.append(theme)
    return found


def initiatives_in(code, count):
    return ngettext(
        "%(country)s: %(count)d initiative", "%(country)s: %(count)d initiatives", count
    ) % {"country": Country(code).name, "count": count}


def legend_label(smallest, largest):
    if smallest is None:
        return _("no initiative")
    if largest is None:
        return ngettext(
            "%(count)d initiative or more", "%(count)d initiatives or more", smallest
        ) % {"count": smallest}
    if smallest == largest:
        return ngettext("%(count)d initiative", "%(count)d initiatives", smallest) % {
            "count": smallest
        }
    return _("%(smallest)d–%(largest)d initiatives") % {"smallest": smallest, "largest": largest}


def world_map(by_country):
    return str(
        render_world_map(
            by_country,
            url_for=lambda code: reverse("sessions:country-detail", args=[code]),
            label=_("Map of the world: countries shaded by their number of initiatives"),
            title_for=initiatives_in,
            focusable=False,  # the list of countries below is the keyboard's way
        )
    )


class HomeView(TemplateView):
    """Everything the home page shows is over the whole collection: computed once per content
    change and language, the world map drawn with it, and kept for every visitor."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        counted = {}

        def by_country():
            if "countries" not in counted:
                counted["countries"] = initiative_counts_by_country()
            return counted["countries"]

        # One round trip for all of it, and only if the page's content must be rendered:
        # the template keeps that content as a fragment (home.html).
        kept = SimpleLazyObject(
            lambda: page_cache.remember_many(
                {
                    "home:countries": by_country,
                    f"home:map:{language}": lambda: world_map(by_country()),
                    f"home:themes:{language}": lambda: sorted(
                        theme_counts(), key=lambda theme: collation_key(theme.name)
                    ),
                    "home:latest-forum": lambda: Forum.objects.published().first(),
                    "home:sessions": lambda: list(Session.objects.published().for_cards()[:5]),
                    "home:featured": lambda: list(
                        Initiative.objects.published()
                        .filter(is_featured=True)
                        .select_related("organisation")[:6]
                    ),
                }
            )
        )

        def kept_as(name, shown=lambda value: value):
            return SimpleLazyObject(lambda: shown(kept[name]))

        return super().get_context_data(
            latest_forum=kept_as("home:latest-forum"),
            sessions=kept_as("home:sessions"),
            featured_initiatives=kept_as("home:featured"),
            themes=kept_as(f"home:themes:{language}"),
            countries=kept_as(
                "home:countries",
                lambda counts: sorted(
                    ((Country(code), n) for code, n in counts.items()),
                    key=lambda pair: collation_key(pair[0].name),
                ),
            ),
            world_map=kept_as(f"home:map:{language}", mark_safe),
            map_legend=legend(legend_label),
            **kwargs,
        )
