"""Practices and collections move onto core.translation: each translation row
knows, per field, its origin and the fingerprint of the original's text it was
made from; the stored ``status`` and ``translated_by`` go.  A collection's text
moves off the collection into CollectionTranslation rows."""

import hashlib
import json

import django.db.models.deletion
from django.db import migrations, models

PRACTICE_FIELDS = (
    "title",
    "summary",
    "description",
    "aims",
    "phases",
    "activities",
    "beneficiaries",
    "results",
    "success_conditions",
    "difficulties",
    "transferability",
)
COLLECTION_FIELDS = ("title", "introduction", "recommendations")


def fingerprint(value):
    """A copy of core.translation.fingerprint as it is when this migration is made."""
    if value in (None, "", [], {}):
        return ""
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, sort_keys=True, ensure_ascii=False)
    )
    text = " ".join(text.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def origins_from_status(row, original, fields):
    """The old stored status as per-field origins (see the module docstring of
    core.translation): reviewed → a person's, current against today's original;
    machine → a machine's, current; outdated → made from an unknown source."""
    if original is None or row.pk == original.pk:
        return {name: {"origin": "original"} for name in fields}
    result = {}
    for name in fields:
        if getattr(row, name) in (None, "", [], {}):
            continue
        source = getattr(original, name)
        if row.status == "outdated":
            result[name] = {"origin": "person", "source": ""}
        elif row.status == "machine":
            result[name] = {"origin": "machine", "source": fingerprint(source)}
        else:
            meta = {"origin": "person", "source": fingerprint(source)}
            if row.translated_by_id:
                meta["reviewed_by"] = row.translated_by_id
            result[name] = meta
    return result


def forwards(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    PracticeTranslation = apps.get_model("practices", "PracticeTranslation")
    originals = dict(Practice.objects.values_list("pk", "original_language_id"))
    rows_by_practice = {}
    for row in PracticeTranslation.objects.order_by("pk").iterator():
        rows_by_practice.setdefault(row.practice_id, []).append(row)
    changed = []
    for practice_id, rows in rows_by_practice.items():
        language = originals.get(practice_id)
        original = next((r for r in rows if r.language_id == language), None)
        for row in rows:
            row.origins = origins_from_status(row, original, PRACTICE_FIELDS)
            changed.append(row)
    PracticeTranslation.objects.bulk_update(changed, ["origins"], batch_size=500)

    Collection = apps.get_model("practices", "Collection")
    CollectionTranslation = apps.get_model("practices", "CollectionTranslation")
    CollectionTranslation.objects.bulk_create(
        [
            CollectionTranslation(
                collection=collection,
                language_id=collection.original_language_id,
                title=collection.title,
                introduction=collection.introduction,
                recommendations=collection.recommendations,
                origins={name: {"origin": "original"} for name in COLLECTION_FIELDS},
            )
            for collection in Collection.objects.all()
        ]
    )


def backwards(apps, schema_editor):
    Collection = apps.get_model("practices", "Collection")
    CollectionTranslation = apps.get_model("practices", "CollectionTranslation")
    for row in CollectionTranslation.objects.all():
        collection = Collection.objects.get(pk=row.collection_id)
        if row.language_id != collection.original_language_id:
            continue
        collection.title = row.title
        collection.introduction = row.introduction
        collection.recommendations = row.recommendations
        collection.save(update_fields=["title", "introduction", "recommendations"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_territory_merge"),
        ("practices", "0006_facets_published_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="practicetranslation",
            name="origins",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="origin of each field"
            ),
        ),
        migrations.RenameField(
            model_name="collection", old_name="language", new_name="original_language"
        ),
        migrations.AlterField(
            model_name="collection",
            name="original_language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="original language",
            ),
        ),
        # The old text fields may be empty in the schema that follows.
        migrations.AlterField(
            model_name="collection",
            name="title",
            field=models.CharField(blank=True, max_length=300, verbose_name="title"),
        ),
        migrations.CreateModel(
            name="CollectionTranslation",
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
                    "introduction",
                    models.TextField(
                        blank=True, max_length=50000, verbose_name="introduction"
                    ),
                ),
                (
                    "recommendations",
                    models.JSONField(
                        blank=True, default=list, verbose_name="recommendations"
                    ),
                ),
                (
                    "collection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="practices.collection",
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
                "verbose_name": "collection translation",
                "verbose_name_plural": "collection translations",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("collection", "language"),
                        name="collection_translation_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="practicetranslation", name="status"),
        migrations.RemoveField(model_name="practicetranslation", name="translated_by"),
        migrations.AlterField(
            model_name="practicetranslation",
            name="language",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.language",
                verbose_name="language",
            ),
        ),
        migrations.AlterModelOptions(
            name="collection",
            options={
                "ordering": ["id"],
                "verbose_name": "collection",
                "verbose_name_plural": "collections",
            },
        ),
        migrations.RemoveField(model_name="collection", name="title"),
        migrations.RemoveField(model_name="collection", name="introduction"),
        migrations.RemoveField(model_name="collection", name="recommendations"),
    ]
