from django.db import migrations


def backfill(apps, schema_editor):
    from convivio.practices.facets import facets_rebuild

    facets_rebuild(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_practicefacet")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
