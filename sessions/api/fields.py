"""Fields every serializer shares: a text in both languages, a country, links."""

from django.urls import reverse
from django_countries.fields import Country
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from sessions.api.language import LANGUAGE_CODES

BOTH_LANGUAGES = inline_serializer(
    "TranslatedText",
    {
        code: serializers.CharField(help_text=f"The text in {code}; empty when not written.")
        for code in LANGUAGE_CODES
    },
)
COUNTRY = inline_serializer(
    "CountryRef",
    {
        "code": serializers.CharField(help_text="ISO 3166-1 alpha-2 code."),
        "name": serializers.CharField(help_text="Its name in the answer's language."),
    },
)


@extend_schema_field(BOTH_LANGUAGES)
class TranslatedField(serializers.Field):
    """A translated model field as {"en": ..., "fr": ...}: each language's own text, with no
    fallback (an empty string where it was not written)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return {
            code: getattr(instance, f"{self.field_name}_{code}") or "" for code in LANGUAGE_CODES
        }


def country(code):
    return {"code": code, "name": str(Country(code).name)} if code else None


@extend_schema_field(COUNTRY)
class CountryField(serializers.Field):
    """A country as {"code": "FR", "name": "France"} (the name in the answer's language),
    or null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return country(getattr(value, "code", value))

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None  # a blank country is null


def absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class PageLinkField(serializers.Field):
    """The absolute address of the record's web page, in the answer's language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return absolute(self.context.get("request"), instance.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ApiLinkField(serializers.Field):
    """The absolute address of the record in this API."""

    def __init__(self, view_name, lookup="slug", **kwargs):
        self.view_name = view_name
        self.lookup = lookup
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        path = reverse(f"api:{self.view_name}", args=[getattr(instance, self.lookup)])
        return absolute(self.context.get("request"), path)
