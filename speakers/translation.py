import simple_history
from modeltranslation.translator import TranslationOptions, register

from speakers.models import Organisation, Speaker


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role", "bio")


# History is registered after translation so that historical rows keep both languages.
simple_history.register(Speaker)
simple_history.register(Organisation)
