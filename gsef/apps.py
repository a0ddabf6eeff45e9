from django.apps import AppConfig


class GsefConfig(AppConfig):
    name = "gsef"
    verbose_name = "GSEF Knowledge Base"

    def ready(self):
        from gsef import cache, checks  # noqa: F401  (cache invalidation signals, deploy checks)
