"""Organisations' descriptions in translation rows (core.translation).

Each organisation gets an original language: its place's country language
(``reference.COUNTRY_LANGUAGES``: Portugal → pt, Romania → ro…), English when
it has no place, when the country has no single language (Belgium,
Switzerland…) or when the platform does not know that language.  Its
description becomes the original row.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from convivio.core.reference import COUNTRY_LANGUAGES

    Organisation = apps.get_model("core", "Organisation")
    OrganisationTranslation = apps.get_model("core", "OrganisationTranslation")
    Language = apps.get_model("core", "Language")
    known = set(Language.objects.values_list("code", flat=True))
    fallback = "en" if "en" in known else next(iter(sorted(known)), None)
    if fallback is None:  # no languages: no organisations either
        return
    rows = []
    for organisation in Organisation.objects.select_related("territory"):
        territory = organisation.territory
        code = COUNTRY_LANGUAGES.get(territory.country_code) if territory else None
        organisation.original_language_id = code if code in known else fallback
        organisation.save(update_fields=["original_language"])
        rows.append(
            OrganisationTranslation(
                organisation=organisation,
                language_id=organisation.original_language_id,
                description=organisation.description,
                origins={"description": {"origin": "original"}},
            )
        )
    OrganisationTranslation.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_machine_translation")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="original_language",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
        migrations.CreateModel(
            name="OrganisationTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "origins",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="origin of each field"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated"),
                ),
                (
                    "description",
                    models.TextField(blank=True, verbose_name="description"),
                ),
                (
                    "language",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.language",
                        verbose_name="language",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="core.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "organisation translation",
                "verbose_name_plural": "organisation translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "language"),
                        name="organisation_translation_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
