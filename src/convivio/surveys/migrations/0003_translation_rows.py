"""The text of surveys, questions and choices in translation rows (one per
language, the original among them), made here from the records' own text."""

import django.db.models.deletion
from django.db import migrations, models


def row_fields(record: str) -> list:
    return [
        (
            "id",
            models.BigAutoField(
                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
            ),
        ),
        (
            "origins",
            models.JSONField(
                blank=True, default=dict, verbose_name="origin of each field"
            ),
        ),
        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
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
            record,
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="translations",
                to=f"surveys.{record}",
            ),
        ),
    ]


def original_rows(apps, schema_editor):
    """Each record's text becomes its original row (origin: the original)."""
    for record, row_name, fields in (
        ("Survey", "SurveyTranslation", ("title", "introduction")),
        ("Question", "QuestionTranslation", ("label", "help_text")),
        ("Choice", "ChoiceTranslation", ("label",)),
    ):
        Record = apps.get_model("surveys", record)
        Row = apps.get_model("surveys", row_name)
        key = record.lower()
        Row.objects.bulk_create(
            Row(
                **{key: item},
                language_id=item.original_language_id,
                origins={name: {"origin": "original"} for name in fields},
                **{name: getattr(item, name) for name in fields},
            )
            for item in Record.objects.all()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_territory_merge"),
        ("surveys", "0002_survey_original_language"),
    ]

    operations = [
        migrations.AlterField(
            model_name="survey",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
        migrations.AddField(
            model_name="response",
            name="language",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="language",
            ),
        ),
        migrations.CreateModel(
            name="SurveyTranslation",
            fields=row_fields("survey")
            + [
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "introduction",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="introduction"
                    ),
                ),
            ],
            options={
                "verbose_name": "survey translation",
                "verbose_name_plural": "survey translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("survey", "language"), name="survey_translation_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="QuestionTranslation",
            fields=row_fields("question")
            + [
                ("label", models.CharField(max_length=1000, verbose_name="question")),
                (
                    "help_text",
                    models.CharField(blank=True, max_length=1000, verbose_name="help"),
                ),
            ],
            options={
                "verbose_name": "question translation",
                "verbose_name_plural": "question translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("question", "language"),
                        name="question_translation_unique",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ChoiceTranslation",
            fields=row_fields("choice")
            + [
                ("label", models.CharField(max_length=500, verbose_name="label")),
            ],
            options={
                "verbose_name": "choice translation",
                "verbose_name_plural": "choice translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("choice", "language"), name="choice_translation_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(original_rows, migrations.RunPython.noop),
    ]
