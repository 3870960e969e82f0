"""A survey's language becomes its original language (core.translation); its
questions and choices carry it too, so that each is a translated record."""

import django.db.models.deletion
from django.db import migrations, models


def copy_language(apps, schema_editor):
    Question = apps.get_model("surveys", "Question")
    Choice = apps.get_model("surveys", "Choice")
    for question in Question.objects.select_related("survey"):
        question.original_language_id = question.survey.original_language_id
        question.save(update_fields=["original_language"])
    for choice in Choice.objects.select_related("question"):
        choice.original_language_id = choice.question.original_language_id
        choice.save(update_fields=["original_language"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_territory_merge"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("survey", "language", "original_language"),
        migrations.AddField(
            model_name="question",
            name="original_language",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
            ),
        ),
        migrations.AddField(
            model_name="choice",
            name="original_language",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
            ),
        ),
        migrations.RunPython(copy_language, migrations.RunPython.noop),
    ]
