"""Staff accounts for the browser tests, and logging them in to the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


def staff_user(username, password, *codenames):
    """A staff account with these permissions of the sessions app. Permissions, not the
    Editors group: after a browser test flushes the database the group (a migration's row) is
    gone, while permissions are made again."""
    user = get_user_model().objects.create_user(username=username, password=password, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="forum_sessions", codename__in=codenames)
    )
    return user


def log_in_to_admin(page, live_server, username, password, next_path):
    page.goto(f"{live_server.url}{next_path.split('/admin/')[0]}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_path}")
