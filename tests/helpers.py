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


def admin_session_form(session, **changes):
    """The admin's change form for a session without presentations, questions or remarks."""
    for prefix in ("presentations", "questions", "closing_remarks"):
        assert not getattr(session, prefix).exists(), "only for a session without inline rows"
    data = {
        "forum": session.forum_id,
        "title_en": session.title_en,
        "title_fr": session.title_fr or "",
        "session_type": session.session_type,
        "date": session.date.isoformat(),
        "moderator": session.moderator_id or "",
        "is_published": "on" if session.is_published else "",
        **changes,
    }
    for prefix in ("presentations", "questions", "closing_remarks"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data
