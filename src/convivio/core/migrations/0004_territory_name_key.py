from django.db import migrations, models

from convivio.core.text import fold


def fill_name_keys(apps, schema_editor):
    Territory = apps.get_model("core", "Territory")
    rows = list(Territory.objects.only("id", "name"))
    for row in rows:
        row.name_key = fold(row.name)[:200]
    Territory.objects.bulk_update(rows, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_territory_teams_api_tokens")]

    operations = [
        migrations.AddField(
            model_name="territory",
            name="name_key",
            field=models.CharField(
                db_index=True, default="", editable=False, max_length=200
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
