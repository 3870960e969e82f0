"""Documents' titles and descriptions in translation rows (core.translation).

Each document's original language is the language detected in its text, else
the first language it is said to be in (by code), else English; its title and
description become that language's row.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Document = apps.get_model("library", "Document")
    DocumentTranslation = apps.get_model("library", "DocumentTranslation")
    Language = apps.get_model("core", "Language")
    fallback = "en" if Language.objects.filter(pk="en").exists() else None
    rows = []
    for document in Document.objects.prefetch_related("languages"):
        codes = sorted(language.code for language in document.languages.all())
        code = document.text_language_id or (codes[0] if codes else fallback)
        if code is None:
            continue
        document.original_language_id = code
        document.save(update_fields=["original_language"])
        rows.append(
            DocumentTranslation(
                document=document,
                language_id=code,
                title=document.title,
                description=document.description,
                origins={
                    "title": {"origin": "original"},
                    "description": {"origin": "original"},
                },
            )
        )
    DocumentTranslation.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_machine_translation"),
        ("library", "0002_document_checksum_per_uploader"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
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
            name="DocumentTranslation",
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
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "description",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="description"
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="library.document",
                    ),
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
            ],
            options={
                "verbose_name": "document translation",
                "verbose_name_plural": "document translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "language"),
                        name="document_translation_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
