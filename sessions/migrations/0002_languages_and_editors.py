"""Seed the languages sessions are held in, and create the Editors group.

Permissions are normally created after all migrations have run; this migration creates them
first so that the group can be given them on a fresh database. A later migration that adds a
model must grant its permissions to Editors in the same way.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LANGUAGE_CODES = ["ar", "ca", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pt", "zh-hans"]
EDITOR_APPS = ["forum_sessions", "speakers"]


def seed_languages(apps, schema_editor):
    Language = apps.get_model("forum_sessions", "Language")
    for code in LANGUAGE_CODES:
        Language.objects.get_or_create(code=code)


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        if app_config.label in EDITOR_APPS:
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("forum_sessions", "0001_initial"),
        ("speakers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_languages, migrations.RunPython.noop),
        migrations.RunPython(create_editors, remove_editors),
    ]
