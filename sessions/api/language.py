"""The language of an answer: `?lang=en|fr`, else the Accept-Language header (or the
language cookie), else English. It applies to what depends on it: the links to the web
pages and the names of countries and session types. Texts come in both languages always."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from rest_framework.exceptions import ValidationError

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def requested_language(request):
    """(language, error): the language asked for, and a message when `?lang=` is not one
    the site speaks."""
    asked = request.GET.get("lang")
    if asked is None:
        return translation.get_language_from_request(request), None
    if asked in LANGUAGE_CODES:
        return asked, None
    choices = ", ".join(LANGUAGE_CODES)
    message = f"“{asked[:20]}” is not a language of this site: use one of {choices}."
    return settings.LANGUAGE_CODE, message


class LanguageMixin:
    """For a view: runs in the language asked for and says which in Content-Language."""

    def dispatch(self, request, *args, **kwargs):
        self.language, self.language_error = requested_language(request)
        with translation.override(self.language):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = self.language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.language_error:
            raise ValidationError({"lang": [self.language_error]})
