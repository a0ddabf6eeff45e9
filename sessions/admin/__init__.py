"""The staff's admin. Importing the modules registers their ModelAdmins."""

from sessions.admin import content, session  # noqa: F401
