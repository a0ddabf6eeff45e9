"""Values shared by many pages (facet counts, the home page's counts) are computed once per
content generation, by one worker while the others wait."""

import pytest

from gsef import cache as page_cache
from gsef.cache import shared as shared_parts
from tests.caching.helpers import main_part
from tests.factories import SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def facet(response, name):
    [found] = [f for f in response.context["facets"] if f["name"] == name]
    return {option["value"]: option["count"] for option in found["options"]}


def test_facet_counts_are_shared_by_every_page_of_a_list_until_content_changes(
    client, site, django_assert_num_queries
):
    first = client.get("/en/sessions/", {"forum": "forum"})
    # Another address (a page the cache has not seen) with the same filters reuses what
    # they gave: the counts, the number of results and the rendered list. No query at all.
    with django_assert_num_queries(0):
        other = client.get("/en/sessions/", {"forum": "forum", "unknown": "1"})

    assert other["X-Page-Cache"] == "miss"
    assert facet(first, "theme") == {"theme": 1}
    assert main_part(other) == main_part(first)
    assert '<h2 id="results-heading">1 session</h2>' in other.text
    # The same filters in another order, and a first page asked for by number: the counts
    # are shared still, though the page is rendered again.
    third = client.get("/en/sessions/?page=1&forum=forum")
    assert facet(third, "theme") == {"theme": 1}
    assert main_part(third) == main_part(first)
    session = SessionFactory(forum=site.forum, is_published=True)
    session.themes.set([site.theme])

    after = client.get("/en/sessions/", {"forum": "forum", "x": "2"})
    assert facet(after, "theme") == {"theme": 2}
    assert '<h2 id="results-heading">2 sessions</h2>' in after.text


def test_home_counts_follow_a_change_at_once(client, site):
    assert "(1 initiative)" in client.get("/en/").text

    site.initiative.country = "SN"
    site.initiative.save()

    home = client.get("/en/").text
    assert '<a href="/en/countries/SN/">Senegal</a> <span class="count">(1 initiative)' in home
    assert "/en/countries/FR/" not in home.split('id="countries-heading"')[1].split("</ul>")[0]


def test_a_home_page_miss_needs_no_query_once_its_parts_are_kept(
    client, site, django_assert_num_queries
):
    first = client.get("/en/")
    # Another address of the home page (a campaign's link): the page cache misses, but
    # the counts, the map drawn from them and the lists are kept until content changes.
    with django_assert_num_queries(0):
        other = client.get("/en/?utm_source=newsletter")

    assert other["X-Page-Cache"] == "miss"
    assert main_part(other) == main_part(first)
    assert "France: 1 initiative" in other.text


def test_the_home_page_counts_themes_in_sessions_and_initiatives_and_hides_empty_ones(client, site):
    ThemeFactory(name_en="Housing", slug="housing")  # nothing published under it yet

    themes = client.get("/en/").context["themes"]

    assert [(t.slug, t.n, t.initiative_count) for t in themes] == [("theme", 1, 1)]


def test_the_home_page_map_has_a_legend_in_the_page_language(client, site):
    legend = client.get("/fr/").context["map_legend"]

    assert [css_class for css_class, _label in legend] == ["m0", "m1", "m2", "m3", "m4"]
    assert [label for _c, label in legend][1:] == [
        "1 initiative",
        "2–3 initiatives",
        "4–6 initiatives",
        "7 initiatives ou plus",
    ]


def test_a_shared_value_being_computed_elsewhere_is_waited_for_not_computed_again():
    import threading

    from django.core.cache import cache

    generation = page_cache.current_generation()
    key = page_cache._data_key("counts")
    cache.add(f"lock:{key}", generation)  # another worker is computing it
    done = threading.Timer(0.2, lambda: cache.set(key, (generation, {"FR": 3})))
    done.start()
    computed = []

    value = page_cache.remember("counts", lambda: computed.append(1) or {"FR": 0})

    done.join()
    assert value == {"FR": 3}
    assert computed == []


def test_a_shared_value_is_computed_once_and_unlocked():
    from django.core.cache import cache

    value = page_cache.remember("counts", lambda: {"FR": 1})

    key = page_cache._data_key("counts")
    assert value == {"FR": 1}
    assert cache.get(key) == (page_cache.current_generation(), {"FR": 1})
    assert cache.get(f"lock:{key}") is None
    assert page_cache.remember("counts", lambda: {"FR": 2}) == {"FR": 1}


def test_a_worker_that_gave_up_computing_does_not_hold_the_others(monkeypatch):
    from django.core.cache import cache

    key = page_cache._data_key("counts")
    cache.add(f"lock:{key}", page_cache.current_generation())
    monkeypatch.setattr(shared_parts, "WAIT_SECONDS", 0.3)

    assert page_cache.remember("counts", lambda: {"FR": 5}) == {"FR": 5}
