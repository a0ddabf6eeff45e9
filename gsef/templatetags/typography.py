"""Typography on the pages (the rules are in gsef/typography.py).

{% frenchtypography %}...{% endfrenchtypography %}   French spacing of what is inside, on
                                                     French pages (base.html wraps the body)
{{ html|frenchtypography }}                          the same, for one value
{{ date|long_date }}                                 "1er mai 2023", "1 May 2023"
{% long_today as today %}                            today, the same way
{% date_range start end %}                           "du 1er au 4 mai 2023", "1–4 May 2023"
{{ languages|language_names }}                       "anglais, français"
{{ text|steps }}                                     numbered lines as an <ol>
{{ title|shorten:40 }}                               cut at a word, "…" added
"""

from django import template
from django.template.defaultfilters import stringfilter
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from gsef import typography

register = template.Library()


def _page_language():
    return (get_language() or "en").split("-")[0]


def _in_french(html):
    """French spacing of `html` (already safe HTML) on a French page; as it is elsewhere."""
    if _page_language() != "fr":
        return html
    return mark_safe(typography.french_spacing(html))  # noqa: S308 (spaces added to text only)


@register.filter(needs_autoescape=True)
def frenchtypography(value, autoescape=True):
    if not isinstance(value, SafeData):
        value = conditional_escape(value) if autoescape else str(value)
    return _in_french(value)


@register.tag("frenchtypography")
def do_frenchtypography(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% frenchtypography %} takes no argument")
    nodelist = parser.parse(("endfrenchtypography",))
    parser.delete_first_token()
    return FrenchTypographyNode(nodelist)


class FrenchTypographyNode(template.Node):
    # The enclosed blocks stay visible to {% extends %}, which looks for them in `nodelist`.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return _in_french(self.nodelist.render(context))


@register.filter
def long_date(value):
    return typography.format_date(value, _page_language()) if value else ""


@register.simple_tag
def long_today():
    """Today, as `long_date` writes it (a citation's "accessed on")."""
    return typography.format_date(timezone.localdate(), _page_language())


@register.simple_tag
def date_range(start, end):
    """The range, each date in a <time> element."""
    return mark_safe(typography.date_range_html(start, end, _page_language()))  # noqa: S308 (escaped there)


@register.filter
def language_names(languages):
    return typography.language_names(languages or [], _page_language())


@register.filter(is_safe=True)
@stringfilter
def steps(text):
    return mark_safe(typography.steps_html(text))  # noqa: S308 (escaped there)


@register.filter
def shorten(text, limit=40):
    return typography.shorten(text, int(limit))
