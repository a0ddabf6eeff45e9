from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GsefSessionsConfig(AppConfig):
    # django.contrib.sessions already owns the label "sessions".
    name = "sessions"
    label = "forum_sessions"
    verbose_name = _("Forums and sessions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sessions import signals  # noqa: F401 (connects the search index's receivers)
