from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key_from_environment(app_configs, **kwargs):
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [
        Warning(
            "SECRET_KEY is not set in the environment, so each process made up its own: "
            "sessions and password-reset links will not survive a restart or work across workers.",
            hint="Set SECRET_KEY in the environment (see .env.example).",
            id="gsef.W001",
        )
    ]
