from django.db import migrations


def rebuild(apps, schema_editor):
    from convivio.practices.facets import facets_rebuild

    facets_rebuild(schema_editor.connection)


class Migration(migrations.Migration):
    """The facet table now holds published practices only."""

    dependencies = [("practices", "0005_facet_value_index")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
