"""Small helpers shared by several test modules."""

from django.apps import apps


def snapshot(with_history=False):
    """Every row of every model of ours, as plain values, to compare before and after."""
    rows = {}
    for label in ("forum_sessions", "speakers"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name.startswith("historical") and not with_history:
                continue
            values = list(model.objects.order_by("pk").values())
            for row in values:
                row.pop("updated_at", None)
            rows[model._meta.label] = values
    return rows


INLINE_FIELDS = {
    "presentations": ["order", "speaker", "title_en", "title_fr", "summary_en", "summary_fr"],
    "questions": [
        "order",
        "asker_name",
        "asker_country",
        "question_en",
        "question_fr",
        "answer_en",
        "answer_fr",
        "answered_by",
    ],
    "closing_remarks": ["order", "speaker", "text_en", "text_fr"],
}


def admin_session_form(session, delete=(), **changes):
    """The admin's change form for a session as the editor finds it, with its presentations,
    questions and remarks inline; the parts in `delete` ticked for deletion."""
    data = {
        "forum": session.forum_id,
        "title_en": session.title_en,
        "title_fr": session.title_fr or "",
        "slug": session.slug,  # editable while a draft
        "session_type": session.session_type,
        "date": session.date.isoformat(),
        "moderator": session.moderator_id or "",
        "is_published": "on" if session.is_published else "",
        "languages": [language.pk for language in session.languages.all()],
        "themes": [theme.pk for theme in session.themes.all()],
    }
    for prefix, names in INLINE_FIELDS.items():
        parts = list(getattr(session, prefix).order_by("order"))
        data.update({f"{prefix}-TOTAL_FORMS": len(parts), f"{prefix}-INITIAL_FORMS": len(parts)})
        for n, part in enumerate(parts):
            row = {"id": part.pk, "session": session.pk}
            row.update({name: _form_value(getattr(part, _attname(part, name))) for name in names})
            if prefix == "presentations":
                row["initiatives"] = [i.pk for i in part.initiatives.all()]
            if part in delete:
                row["DELETE"] = "on"
            data.update({f"{prefix}-{n}-{name}": value for name, value in row.items()})
    data.update(changes)
    return data


def _attname(part, name):
    return part._meta.get_field(name).attname


def _form_value(value):
    return "" if value is None else str(value)
