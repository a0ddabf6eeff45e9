from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum_sessions", "0009_session_date_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpresentation",
            name="initiatives_at_deletion",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
    ]
