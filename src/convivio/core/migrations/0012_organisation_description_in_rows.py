"""Organisations' descriptions live only in their translation rows.

Until now the record kept its original's text too (kept in step by a signal).
Before the column goes, each organisation's original row is made to hold the
record's text: a missing row is made, and a row that says something else (a
write that bypassed the signal: a bulk update) takes the record's text, which
is what the site showed.
"""

from django.db import migrations, models
from django.db.models import F


def to_rows(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    OrganisationTranslation = apps.get_model("core", "OrganisationTranslation")
    rows = {
        row.organisation_id: row
        for row in OrganisationTranslation.objects.filter(
            language_id=F("organisation__original_language_id")
        )
    }
    for organisation in Organisation.objects.only(
        "pk", "original_language_id", "description"
    ):
        row = rows.get(organisation.pk)
        if row is None:
            OrganisationTranslation.objects.create(
                organisation=organisation,
                language_id=organisation.original_language_id,
                description=organisation.description,
                origins={"description": {"origin": "original"}},
            )
        elif row.description != organisation.description:
            row.description = organisation.description
            row.save(update_fields=["description"])


def from_rows(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    OrganisationTranslation = apps.get_model("core", "OrganisationTranslation")
    for row in OrganisationTranslation.objects.filter(
        language_id=F("organisation__original_language_id")
    ):
        Organisation.objects.filter(pk=row.organisation_id).update(
            description=row.description
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0011_organisation_original_language_required")]

    operations = [
        migrations.RunPython(to_rows, from_rows),
        # A default, so that going back can add the column to existing rows
        # (``from_rows`` then fills it).
        migrations.AlterField(
            model_name="organisation",
            name="description",
            field=models.TextField(blank=True, default="", verbose_name="description"),
        ),
        migrations.RemoveField(model_name="organisation", name="description"),
    ]
