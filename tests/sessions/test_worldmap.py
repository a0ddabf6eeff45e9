import re

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from sessions.worldmap import WIDTH, country_shapes, projected_map, render_world_map, ring_path


def session_url(code):
    return f"/sessions/?country={code}"


def path_of(code):
    return next(d for alpha2, _, d in country_shapes() if alpha2 == code)


def test_the_file_decodes_into_more_than_170_countries_once():
    shapes = country_shapes()
    assert len(shapes) > 170
    assert country_shapes() is shapes
    codes = [alpha2 for alpha2, _, _ in shapes if alpha2]
    assert len(codes) == len(set(codes))
    assert "AQ" not in codes


def test_france_is_decoded_with_its_code_and_a_path():
    france = [(name, d) for alpha2, name, d in country_shapes() if alpha2 == "FR"]
    assert len(france) == 1
    name, d = france[0]
    assert name == "France"
    assert d.startswith("M")
    assert d.endswith("Z")
    # Mainland France and French Guiana at least, each its own ring.
    assert d.count("M") >= 2


def absolute_rings(d):
    """The rings of path data as this module writes it (M x y, then l steps, Z), each as a
    list of absolute points."""
    rings = []
    for move, steps in re.findall(r"M([^l]+)l([^Z]+)Z", d):
        values = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", move + " " + steps)]
        x, y = values[0], values[1]
        ring = [(x, y)]
        for dx, dy in zip(values[2::2], values[3::2], strict=True):
            x, y = round(x + dx, 1), round(y + dy, 1)
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_a_ring_is_written_with_relative_steps_in_tenths_of_a_pixel():
    ring = [(10.04, 20.0), (11.5, 19.7), (11.52, 19.71), (9, 22.26), (10.0, 20.0)]

    # The third point rounds onto the second and the last onto the first: both go.
    assert ring_path(ring) == "M10 20l1.5-.3-2.5 2.6Z"
    assert absolute_rings(ring_path(ring)) == [[(10, 20), (11.5, 19.7), (9, 22.3)]]
    assert ring_path([(1, 1), (1.01, 1.02), (2, 2)]) == ""  # fewer than three points


def test_every_point_of_the_map_lies_inside_its_view_box():
    shapes, height = projected_map()
    points = [point for _, _, d in shapes for ring in absolute_rings(d) for point in ring]

    assert len(points) > 5000
    assert all(0 <= x <= WIDTH and 0 <= y <= height for x, y in points)
    # The map spans its width: the steps add up to where the absolute points were.
    assert min(x for x, _ in points) < 3 and max(x for x, _ in points) > WIDTH - 3


def test_features_without_an_iso_id_are_kept_but_have_no_code():
    unnamed = sorted(name for alpha2, name, _ in country_shapes() if not alpha2)
    assert unnamed == ["Kosovo", "N. Cyprus", "Somaliland"]


def test_the_svg_is_a_labelled_group_not_an_image():
    svg = render_world_map({}, session_url, "Sessions by country")
    assert isinstance(svg, SafeString)
    assert svg.startswith('<svg id="world-map" class="world-map" viewBox="0 0 960 ')
    assert 'role="group" aria-labelledby="world-map-title"' in svg
    assert 'role="img"' not in svg
    assert '<title id="world-map-title">Sessions by country</title>' in svg
    assert svg.endswith("</svg>")
    assert svg.count("<svg") == 1


def test_the_caller_chooses_the_element_id():
    svg = render_world_map({}, session_url, "Map", id="speakers-map")
    assert svg.startswith('<svg id="speakers-map" ')
    assert 'aria-labelledby="speakers-map-title"' in svg
    assert '<title id="speakers-map-title">Map</title>' in svg


def test_a_shaded_country_is_a_link_with_its_name_and_count():
    svg = render_world_map({"FR": 3}, session_url, "Map")
    expected = (
        f'<a href="/sessions/?country=FR"><path class="m2" d="{path_of("FR")}"/>'
        "<title>France: 3</title></a>"
    )
    assert expected in svg
    assert svg.count("<a ") == 1


def test_countries_without_a_count_are_grey_and_not_links():
    svg = render_world_map({"FR": 3, "DE": 0}, session_url, "Map")
    assert f'<path class="m0" d="{path_of("DE")}"/>' in svg
    assert "country=DE" not in svg
    assert svg.count('class="m0"') == len(country_shapes()) - 1


def test_an_empty_map_has_no_links_at_all():
    svg = render_world_map({}, session_url, "Map")
    assert "<a " not in svg
    assert svg.count('class="m0"') == len(country_shapes())


@pytest.mark.parametrize(
    "count, css_class",
    [(1, "m1"), (2, "m2"), (3, "m2"), (4, "m3"), (6, "m3"), (7, "m4"), (120, "m4")],
)
def test_counts_fall_into_four_buckets(count, css_class):
    svg = render_world_map({"BR": count}, session_url, "Map")
    assert f'<path class="{css_class}" d="{path_of("BR")}"/><title>Brazil: {count}</title>' in svg


def test_text_from_the_caller_is_escaped():
    svg = render_world_map(
        {"FR": 1}, lambda code: '/x/?a=1&b="2"', "<script>alert(1)</script>", id='m"x'
    )
    assert "<script>" not in svg
    assert '<title id="m&quot;x-title">&lt;script&gt;alert(1)&lt;/script&gt;</title>' in svg
    assert '<a href="/x/?a=1&amp;b=&quot;2&quot;">' in svg


def test_country_names_follow_the_active_language():
    with translation.override("fr"):
        svg = render_world_map({"DE": 2}, session_url, "Carte")
    assert "<title>Allemagne: 2</title>" in svg


def test_unknown_codes_are_ignored():
    svg = render_world_map({"ZZ": 4, "": 2, "XX": 1}, session_url, "Map")
    assert "<a " not in svg


def test_lower_case_codes_are_accepted():
    svg = render_world_map({"fr": 1}, session_url, "Map")
    assert '<a href="/sessions/?country=FR">' in svg
