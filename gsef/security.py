"""Small hooks for the login safety of django-axes."""

from django.conf import settings

# AccessAttempt.username is a varchar(255); PostgreSQL refuses anything longer.
AXES_USERNAME_LENGTH = 255


def axes_username(request, credentials=None):
    """The username axes records a failed login under, cut to what its table holds.

    Django's login form lets an overlong username through to authenticate() (it only skips
    normalising it), so a 10,000-character username would otherwise make the failed-login
    record, and the login page, fail on PostgreSQL.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username
