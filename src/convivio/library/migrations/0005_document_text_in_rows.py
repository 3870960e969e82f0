"""Documents' titles and descriptions live only in their translation rows.

Until now the record kept its original's text too (kept in step by a signal).
Before the columns go, each document's original row is made to hold the
record's text: a missing row is made, and a row that says something else (a
write that bypassed the signal: a bulk update) takes the record's text, which
is what the site showed.
"""

from django.db import migrations, models
from django.db.models import F

FIELDS = ("title", "description")


def to_rows(apps, schema_editor):
    Document = apps.get_model("library", "Document")
    DocumentTranslation = apps.get_model("library", "DocumentTranslation")
    rows = {
        row.document_id: row
        for row in DocumentTranslation.objects.filter(
            language_id=F("document__original_language_id")
        )
    }
    for document in Document.objects.only("pk", "original_language_id", *FIELDS):
        values = {name: getattr(document, name) for name in FIELDS}
        row = rows.get(document.pk)
        if row is None:
            DocumentTranslation.objects.create(
                document=document,
                language_id=document.original_language_id,
                origins={name: {"origin": "original"} for name in FIELDS},
                **values,
            )
        elif {name: getattr(row, name) for name in FIELDS} != values:
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=list(FIELDS))


def from_rows(apps, schema_editor):
    Document = apps.get_model("library", "Document")
    DocumentTranslation = apps.get_model("library", "DocumentTranslation")
    for row in DocumentTranslation.objects.filter(
        language_id=F("document__original_language_id")
    ):
        Document.objects.filter(pk=row.document_id).update(
            title=row.title, description=row.description
        )


class Migration(migrations.Migration):
    dependencies = [("library", "0004_document_original_language_required")]

    operations = [
        migrations.RunPython(to_rows, from_rows),
        # A default, so that going back can add the columns to existing rows
        # (``from_rows`` then fills them).
        migrations.AlterField(
            model_name="document",
            name="title",
            field=models.CharField(default="", max_length=300, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="document",
            name="description",
            field=models.TextField(
                blank=True, default="", max_length=5000, verbose_name="description"
            ),
        ),
        migrations.RemoveField(model_name="document", name="title"),
        migrations.RemoveField(model_name="document", name="description"),
    ]
