"""Template helpers shared by every public page."""

import functools
import html
import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.urls import get_script_prefix, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, gettext_lazy
from modeltranslation.utils import build_localized_fieldname, resolution_order

from gsef import cache as page_cache
from gsef import typography
from gsef.schema import describe
from gsef.templatetags import typography as typography_tags
from gsef.translation_status import OTHER, is_older

register = template.Library()


@register.simple_tag
def translated(obj, field, paragraphs=False, steps=False):
    """Render a translated field, saying so when the text is a fallback from another language.

    The fallback text is marked with its real language (lang="en") so that screen readers
    and translators know what they are looking at. `paragraphs`: the text's lines as
    paragraphs; `steps`: its numbered lines as a list (`typography.steps_html`).
    """
    language = get_language()
    # The first language in the fallback order that has the text, as modeltranslation
    # itself reads `field`: done here in one pass, since this tag is on every line of a page.
    value, source = None, language
    for code in _fallbacks(language):
        localized = getattr(obj, build_localized_fieldname(field, code), None)
        if localized:
            value, source = localized, code
            break
    if value is None:  # no text in any language, or a field that is not translated
        value = getattr(obj, field) or ""
    if steps:
        body = mark_safe(typography.steps_html(value))  # noqa: S308 (escaped there)
    elif paragraphs:
        body = linebreaks_filter(value, autoescape=True)
    else:
        body = value
    if source == language or not value:
        return format_html("{}", body)
    return in_language(body, source, block=paragraphs or steps)


@functools.lru_cache(maxsize=16)
def _fallbacks(language):
    return tuple(resolution_order(language))


UNTRANSLATED = {
    "en": gettext_lazy("Not yet translated: shown in English."),
    "fr": gettext_lazy("Not yet translated: shown in French."),
}
FOUND_IN = {
    "en": gettext_lazy("Found in the English text."),
    "fr": gettext_lazy("Found in the French text."),
}


@register.simple_tag
def in_language(body, source, untranslated=True, block=False):
    """`body` (text or safe HTML) marked as being in language `source`, with a note in the
    page's language: not yet translated, or (`untranslated` false: the page's language has
    its own text, but not this part) found in the other language's text. As it is when
    `source` is the page's language."""
    if not source or source == get_language():
        return format_html("{}", body)
    note = (UNTRANSLATED if untranslated else FOUND_IN)[source]
    tag = "div" if block else "span"
    # The note is in the page's language, so it sits outside the element marked lang="..".
    return format_html(
        '<{tag} class="fallback"><{tag} lang="{lang}">{body}</{tag}> '
        '<small class="fallback-note">({note})</small></{tag}>',
        tag=tag,
        lang=source,
        body=body,
        note=note,
    )


# Dates and lists of languages are written the language's way on every page: they are here
# too, so that the page templates, which all load kb, have them.
register.filter("long_date", typography_tags.long_date)
register.simple_tag(typography_tags.date_range, name="date_range")
register.simple_tag(typography_tags.long_today, name="long_today")
register.filter("language_names", typography_tags.language_names)


@register.simple_tag
def outdated_translation(obj):
    """A note when `obj`'s text in the page's language was last written before its text in the
    other language changed: what the page shows may not say what the other one now says."""
    language = get_language()
    if not is_older(obj, language):
        return ""
    note = {
        "en": gettext("Translation older than the English text."),
        "fr": gettext("Translation older than the French text."),
    }[OTHER[language]]
    return format_html(
        '<p class="outdated-translation"><small class="fallback-note">({})</small></p>', note
    )


@functools.lru_cache(maxsize=4096)
def path_in(path, code):
    """The same page's path in another language: it depends on the URLconf only, so each
    process works it out once per path (resolving and reversing, on every page)."""
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each site language, query string kept."""
    request = context["request"]
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    path = escape_uri_path(request.path)
    links = []
    for code, _name in settings.LANGUAGES:
        url = path_in(path, code) + (f"?{iri_to_uri(query)}" if query else "")
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "absolute": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return links


# JSON inside a <script> element must not be able to close it or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def jsonld(context, obj):
    """A schema.org JSON-LD block describing `obj`, if its page type has one."""
    data = describe(obj, context["request"].build_absolute_uri)
    if data is None:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped just above)
    )


@register.simple_tag(takes_context=True)
def page_link(context, number):
    """?<the list's filters>&page=N. Other parameters of the address (utm_source=...) are
    left out: the links are the same on every address showing this page of the list."""
    params = [(name, value) for name, values in context["view"].list_params for value in values]
    return "?" + urlencode([*params, ("page", number)])


# A list's facets have up to two hundred options (the countries): written here with the
# standard library's escape (what Django's escape() calls, without its lazy-text wrapper and
# SafeString for each value), where a template loop took longer than the rest of a list
# page's content.


@register.simple_tag
def facet_options(facet):
    """A facet's options with their counts: checkboxes when several may be chosen, the
    options of a <select> otherwise. Every value and label is escaped."""
    name = html.escape(str(facet["name"]))
    lines = []
    for option in facet["options"]:
        value, label = html.escape(str(option["value"])), html.escape(str(option["label"]))
        count = int(option["count"])
        if facet["multiple"]:
            checked = " checked" if option["selected"] else ""
            lines.append(
                f'<label class="check"><input type="checkbox" name="{name}" value="{value}"'
                f'{checked}> {label} <span class="count">({count})</span></label>\n'
            )
        else:
            selected = " selected" if option["selected"] else ""
            lines.append(f'<option value="{value}"{selected}>{label} ({count})</option>')
    return mark_safe("".join(lines))  # noqa: S308 (every value escaped above)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment "session-content" record_key %}...{% endfragment %}: the enclosed part,
    kept until content changes (gsef.cache.fragment). Its name, made of the arguments, must
    say everything the part depends on besides the content, the language and the host."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% fragment %} needs a name, for example {% fragment "session-content" record_key %}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        return page_cache.fragment(
            context.get("request"), name, lambda: self.nodelist.render(context)
        )


# Parts of the page frame that are the same on every page in a language (the stylesheets, the
# main navigation, the footer's links): rendered once per worker and language rather than
# at every request. They depend on the templates, the translations and the static files'
# names, which change only with a deploy, and a deploy starts new workers. Never for what
# depends on the visitor or the page. Off with DEBUG, so that an edited template shows.
_sitewide = {}


@register.tag("sitewide")
def do_sitewide(parser, token):
    """{% sitewide "name" %}...{% endsitewide %}: see _sitewide."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% sitewide %} takes a name: {% sitewide "nav" %}')
    nodelist = parser.parse(("endsitewide",))
    parser.delete_first_token()
    return SitewideNode(nodelist, parser.compile_filter(bits[1]))


class SitewideNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        if settings.DEBUG:
            return self.nodelist.render(context)
        key = (
            self.origin.name,
            self.name.resolve(context),
            get_language(),
            get_script_prefix(),
            settings.STATIC_URL,
            settings.STORAGES["staticfiles"]["BACKEND"],
        )
        if key not in _sitewide:
            _sitewide[key] = self.nodelist.render(context)
        return _sitewide[key]
