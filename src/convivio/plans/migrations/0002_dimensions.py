from django.db import migrations


def load(apps, schema_editor):
    from convivio.plans import reference

    Dimension = apps.get_model("plans", "Dimension")
    DimensionValue = apps.get_model("plans", "DimensionValue")
    values = {
        "sex": reference.SEXES,
        "age": reference.AGE_BANDS,
        "nationality": reference.nationalities(),
    }
    for position, (slug, name, about_people) in enumerate(reference.DIMENSIONS):
        dimension, _ = Dimension.objects.update_or_create(
            slug=slug,
            territory=None,
            defaults={"name": name, "about_people": about_people, "position": position},
        )
        for value_position, (code, label) in enumerate(values.get(slug, [])):
            DimensionValue.objects.update_or_create(
                dimension=dimension,
                code=code,
                defaults={"label": label, "position": value_position},
            )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
