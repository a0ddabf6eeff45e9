from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """DRF's throttle for anonymous clients, reading its rate (REST_FRAMEWORK's
    DEFAULT_THROTTLE_RATES["anon"]) at each request rather than once at import, so that a
    changed setting applies at once. A rate of None lets every request through."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
