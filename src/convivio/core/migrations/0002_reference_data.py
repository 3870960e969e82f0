from django.db import migrations


def load(apps, schema_editor):
    from convivio.core import reference

    Territory = apps.get_model("core", "Territory")
    Theme = apps.get_model("core", "Theme")
    TargetGroup = apps.get_model("core", "TargetGroup")
    Language = apps.get_model("core", "Language")
    Group = apps.get_model("auth", "Group")
    for code, name, lat, lon in reference.COUNTRIES:
        Territory.objects.update_or_create(
            iso_code=code,
            defaults={
                "name": name,
                "kind": "country",
                "country_code": code,
                "latitude": lat,
                "longitude": lon,
            },
        )
    for slug, name in reference.THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name})
    for slug, name in reference.TARGET_GROUPS:
        TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name})
    for code, name, native, rtl in reference.LANGUAGES:
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native, "rtl": rtl}
        )
    Group.objects.get_or_create(name="Moderators")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
