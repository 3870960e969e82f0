"""Surveys', questions' and choices' text lives only in their translation rows.

Until now each record kept its original's text too (kept in step by a signal).
Before the columns go, each record's original row is made to hold the record's
text: a missing row is made, and a row that says something else (a write that
bypassed the signal: a bulk update) takes the record's text, which is what the
site showed.
"""

from django.db import migrations, models
from django.db.models import F

#: (record model, row model, foreign key of the row, text fields)
KINDS = (
    ("Survey", "SurveyTranslation", "survey", ("title", "introduction")),
    ("Question", "QuestionTranslation", "question", ("label", "help_text")),
    ("Choice", "ChoiceTranslation", "choice", ("label",)),
)


def to_rows(apps, schema_editor):
    for record_name, row_name, fk, fields in KINDS:
        Record = apps.get_model("surveys", record_name)
        Row = apps.get_model("surveys", row_name)
        rows = {
            getattr(row, f"{fk}_id"): row
            for row in Row.objects.filter(
                language_id=F(f"{fk}__original_language_id")
            )
        }
        for record in Record.objects.only("pk", "original_language_id", *fields):
            values = {name: getattr(record, name) for name in fields}
            row = rows.get(record.pk)
            if row is None:
                Row.objects.create(
                    **{fk: record},
                    language_id=record.original_language_id,
                    origins={name: {"origin": "original"} for name in fields},
                    **values,
                )
            elif {name: getattr(row, name) for name in fields} != values:
                for name, value in values.items():
                    setattr(row, name, value)
                row.save(update_fields=list(fields))


def from_rows(apps, schema_editor):
    for record_name, row_name, fk, fields in KINDS:
        Record = apps.get_model("surveys", record_name)
        Row = apps.get_model("surveys", row_name)
        for row in Row.objects.filter(language_id=F(f"{fk}__original_language_id")):
            Record.objects.filter(pk=getattr(row, f"{fk}_id")).update(
                **{name: getattr(row, name) for name in fields}
            )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_translation_rows")]

    operations = [
        migrations.RunPython(to_rows, from_rows),
        # Defaults, so that going back can add the columns to existing rows
        # (``from_rows`` then fills them).
        migrations.AlterField(
            model_name="survey",
            name="title",
            field=models.CharField(default="", max_length=300, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="question",
            name="label",
            field=models.CharField(
                default="", max_length=1000, verbose_name="question"
            ),
        ),
        migrations.AlterField(
            model_name="choice",
            name="label",
            field=models.CharField(default="", max_length=500, verbose_name="label"),
        ),
        migrations.AlterField(
            model_name="survey",
            name="introduction",
            field=models.TextField(
                blank=True, default="", max_length=5000, verbose_name="introduction"
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="help_text",
            field=models.CharField(
                blank=True, default="", max_length=1000, verbose_name="help"
            ),
        ),
        migrations.RemoveField(model_name="survey", name="title"),
        migrations.RemoveField(model_name="survey", name="introduction"),
        migrations.RemoveField(model_name="question", name="label"),
        migrations.RemoveField(model_name="question", name="help_text"),
        migrations.RemoveField(model_name="choice", name="label"),
    ]
