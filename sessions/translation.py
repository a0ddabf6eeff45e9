import simple_history
from modeltranslation.translator import TranslationOptions, register

from sessions.models import (
    AudienceQuestion,
    ClosingRemark,
    Forum,
    Initiative,
    Presentation,
    Session,
    Theme,
)
from sessions.restoring import KeptLinks


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("central_theme",)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "summary", "steps", "results")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "summary", "guiding_question", "guiding_synthesis")


@register(Presentation)
class PresentationTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(AudienceQuestion)
class AudienceQuestionTranslation(TranslationOptions):
    fields = ("question", "answer")


@register(ClosingRemark)
class ClosingRemarkTranslation(TranslationOptions):
    fields = ("text",)


# History is registered here, after translation, so that the historical tables carry the
# title_en / title_fr columns too (registered in models.py, they would miss them).
for model in (Theme, Forum, Initiative, Session, AudienceQuestion, ClosingRemark):
    simple_history.register(model)
# A presentation's history keeps the initiatives it presented, so that a deleted one comes
# back with them (sessions.restoring).
simple_history.register(Presentation, bases=[KeptLinks])
