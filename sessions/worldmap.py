"""A world map drawn on the server as inline SVG, countries shaded by a number.

The boundaries come from sessions/data/countries-110m.json (world-atlas 2.0.2, Natural Earth
1:110m, see sessions/data/README.md). The file is TopoJSON: we decode it here with the standard
library, project it with the Natural Earth I projection and keep one SVG path per country.
"""

import functools
import itertools
import json
import math
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_countries import countries

DATA_FILE = Path(__file__).resolve().parent / "data" / "countries-110m.json"

WIDTH = 960
MARGIN = 2
ANTARCTICA = "010"


def natural_earth(lon, lat):
    """Natural Earth I projection (Šavrič, Jenny, Patterson, Jenny 2011) of a point in degrees.

    A polynomial compromise between cylindrical and pseudo-cylindrical projections: the same
    formulas as d3-geo's geoNaturalEarth1. x runs about ±2.74 and y about ±1.42.
    """
    lam = math.radians(lon)
    phi = math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


def decode_arcs(topology):
    """Turn the quantized, delta-encoded arcs into lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_points(ring, arcs):
    """Join the arcs of one ring; a negative index ~i means arc i walked backwards.

    Consecutive arcs share their end point, so every arc after the first loses its first point.
    """
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def split_at_antimeridian(points):
    """Cut a ring that crosses longitude ±180 into one ring per side of the map.

    On the sphere such a ring is whole, but drawn flat it would streak across the map. At each
    crossing the ring is ended on one edge and restarted on the other; the first and last pieces
    lie on the same side and are joined. Closing each piece then runs along the map's edge. That
    is enough for the 110m data, where Fiji and two parts of Russia cross exactly twice.
    """
    pieces = []
    current = [points[0]]
    for a, b in zip(points, points[1:], strict=False):
        if abs(b[0] - a[0]) <= 180:
            current.append(b)
            continue
        edge = 180 if a[0] > 0 else -180
        b_lon = b[0] + 2 * edge  # b moved next to a, beyond the edge
        t = (edge - a[0]) / (b_lon - a[0]) if b_lon != a[0] else 0
        lat = a[1] + t * (b[1] - a[1])
        current.append((edge, lat))
        pieces.append(current)
        current = [(-edge, lat), b]
    pieces.append(current)
    if len(pieces) > 1:
        pieces[0] = pieces.pop() + pieces[0]
    return pieces


def tenths(value):
    """A coordinate in whole tenths of a pixel: the map's precision."""
    return round(value * 10)


def number(tenth_count):
    """Tenths written as the shortest decimal: 15 -> "1.5", -3 -> "-.3", 20 -> "2"."""
    whole, tenth = divmod(abs(tenth_count), 10)
    text = str(whole) if not tenth else f"{whole or ''}.{tenth}"
    return "-" + text if tenth_count < 0 else text


def numbers(values):
    """Numbers joined as SVG path data allows: a minus sign separates them by itself."""
    text = ""
    for value in values:
        written = number(value)
        text += written if not text or written.startswith("-") else " " + written
    return text


def ring_path(points):
    """Path data for one ring: the first point, then each next one relative to the last
    ("l", in tenths of a pixel rounded once, so no error adds up), skipping points that
    round onto the previous one. Relative steps are short: the map's path data is 40%
    smaller than with absolute coordinates (67 KB against 110 KB)."""
    rounded = []
    for x, y in points:
        point = (tenths(x), tenths(y))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(rounded) < 3:
        return ""
    steps = []
    for (x0, y0), (x1, y1) in itertools.pairwise(rounded):
        steps += [x1 - x0, y1 - y0]
    return "M" + numbers(rounded[0]) + "l" + numbers(steps) + "Z"


@functools.cache
def projected_map():
    """Parse and project the boundaries once per process: (shapes, viewBox height).

    shapes is a list of (alpha2, name_in_file, path_d), one per country. Features that have no
    ISO numeric id in the file (Kosovo, N. Cyprus, Somaliland) or whose id django-countries does
    not know get an empty alpha2: they are drawn but never shaded or linked.
    """
    topology = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)

    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if numeric == ANTARCTICA:
            continue
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [
            [natural_earth(lon, lat) for lon, lat in piece]
            for polygon in polygons
            for ring in polygon
            for piece in split_at_antimeridian(ring_points(ring, arcs))
        ]
        alpha2 = countries.alpha2(numeric) if numeric else ""
        features.append((alpha2 or "", geometry["properties"].get("name", ""), rings))

    # Fit the projected extent to the target width; the height follows from the aspect ratio.
    xs = [x for _, _, rings in features for ring in rings for x, _ in ring]
    ys = [y for _, _, rings in features for ring in rings for _, y in ring]
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    left, top = min(xs), max(ys)
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * MARGIN)

    shapes = []
    for alpha2, name, rings in features:
        d = "".join(
            ring_path([((x - left) * scale + MARGIN, (top - y) * scale + MARGIN) for x, y in ring])
            for ring in rings
        )
        if d:
            shapes.append((alpha2, name, d))
    return shapes, height


def country_shapes():
    """The projected countries: a list of (alpha2, name_in_file, path_d)."""
    return projected_map()[0]


# Shading classes, from the fewest to the most: (class, smallest count, largest or None).
BUCKETS = [("m1", 1, 1), ("m2", 2, 3), ("m3", 4, 6), ("m4", 7, None)]


def bucket(count):
    """Shading class: 1, 2-3, 4-6 and 7 or more."""
    for css_class, _smallest, largest in BUCKETS:
        if largest is None or count <= largest:
            return css_class
    return BUCKETS[-1][0]


def legend(label_for):
    """[(class, label)] for a map legend, from "none" (m0) to the most; label_for(smallest,
    largest) names a step (largest is None for the last, open one; None and None for m0)."""
    return [("m0", label_for(None, None))] + [
        (css_class, label_for(smallest, largest)) for css_class, smallest, largest in BUCKETS
    ]


def default_title(alpha2, count):
    return f"{countries.name(alpha2)}: {count}"


def render_world_map(
    counts, url_for, label, id="world-map", title_for=default_title, focusable=True
):
    """One <svg> element with every country; those with a positive count are shaded links.

    counts maps alpha-2 codes to numbers (unknown codes are ignored), url_for(alpha2) gives the
    link of a shaded country, title_for(alpha2, count) its name for assistive technology and
    tooltips, and label is the map's accessible name. The svg is a group, not an
    image, so that assistive technology still sees the links inside it. focusable=False
    takes its links out of the tab order, for a page whose list of the same countries is
    the keyboard's way (the links stay for the pointer and for screen readers).
    """
    wanted = {}
    for code, count in counts.items():
        if count and count > 0:
            wanted[str(code).upper()] = count

    parts = []
    for alpha2, _, d in country_shapes():
        count = wanted.get(alpha2) if alpha2 else None
        if not count:
            parts.append(format_html('<path class="m0" d="{}"/>', d))
            continue
        parts.append(
            format_html(
                '<a href="{}"{}><path class="{}" d="{}"/><title>{}</title></a>',
                url_for(alpha2),
                "" if focusable else mark_safe(' tabindex="-1"'),
                bucket(count),
                d,
                title_for(alpha2, count),
            )
        )

    return format_html(
        '<svg id="{id}" class="world-map" viewBox="0 0 {width} {height}" role="group" '
        'aria-labelledby="{id}-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{label}</title>{paths}</svg>',
        id=id,
        width=WIDTH,
        height=projected_map()[1],
        label=label,
        # Every part went through format_html above.
        paths=mark_safe("".join(parts)),
    )
