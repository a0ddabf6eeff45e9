"""The OpenAPI schema's additions: the `lang` parameter every operation takes, and the
list filters' parameters."""

from django_filters import MultipleChoiceFilter
from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from sessions.api.language import LANGUAGE_CODES

LANG = OpenApiParameter(
    "lang",
    str,
    OpenApiParameter.QUERY,
    enum=LANGUAGE_CODES,
    description=(
        "The language of the links to the web pages and of country and type names; "
        "without it, the Accept-Language header's. Texts always come in both languages."
    ),
)


class ApiSchema(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG]


class FacetFilterExtension(OpenApiFilterExtension):
    """The list filters' parameters, read from the FilterSet's declared filters (their
    choices are filled per request, so drf-spectacular could not guess their types)."""

    target_class = "sessions.api.views.FacetFilterBackend"
    match_subclasses = True  # IndexedFilterBackend's parameters are the same
    priority = 1  # before drf-spectacular's own for django-filter

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        filterset_class = getattr(auto_schema.view, "filterset_class", None)
        if filterset_class is None:
            return []
        parameters = []
        for name, declared in filterset_class.base_filters.items():
            schema = {"type": "integer"} if name == "year" else {"type": "string"}
            if isinstance(declared, MultipleChoiceFilter):
                schema = {"type": "array", "items": schema}
            if name == "sort":
                schema["enum"] = list(filterset_class.sort_orders)
            elif name == "type" and declared.extra.get("choices"):
                schema["enum"] = [value for value, _label in declared.extra["choices"]]
            parameter = {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(declared.label),
                "schema": schema,
            }
            if schema["type"] == "array":
                parameter.update(style="form", explode=True)
            parameters.append(parameter)
        return parameters
