"""Roles as groups: Editors get every permission of the content apps (including publishing,
importing reports and inviting moderators, added since 0002); Moderators get no model
permission at all: what they may do is decided by the sessions they moderate."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["forum_sessions", "speakers"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label in CONTENT_APPS:
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    Group.objects.get_or_create(name="Moderators")


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forum_sessions", "0004_alter_session_options"),
        ("speakers", "0003_alter_speaker_options"),
    ]

    operations = [migrations.RunPython(grant, remove_moderators)]
