"""Services move onto core.translation: each translation row knows, per field,
its origin and the fingerprint of the original's text it was made from; the
stored ``status`` goes."""

import hashlib
import json

from django.db import migrations, models


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
    """The old stored status as per-field origins: reviewed → a person's, current
    against today's original (reviewed by the old translator); machine → a
    machine's, current; outdated → made from an unknown source, so it reads
    outdated."""
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
            if getattr(row, "translated_by_id", None):
                meta["reviewed_by"] = row.translated_by_id
            result[name] = meta
    return result


def fill(apps, app_label, record_model, row_model, record_field, fields):
    Record = apps.get_model(app_label, record_model)
    Row = apps.get_model(app_label, row_model)
    originals = dict(Record.objects.values_list("pk", "original_language_id"))
    by_record = {}
    for row in Row.objects.order_by("pk").iterator():
        by_record.setdefault(getattr(row, f"{record_field}_id"), []).append(row)
    changed = []
    for record_id, rows in by_record.items():
        language = originals.get(record_id)
        original = next((r for r in rows if r.language_id == language), None)
        for row in rows:
            row.origins = origins_from_status(row, original, fields)
            changed.append(row)
    Row.objects.bulk_update(changed, ["origins"], batch_size=500)


FIELDS = (
    "name",
    "description",
    "eligibility",
    "fees",
    "application_process",
    "required_documents",
)


def forwards(apps, schema_editor):
    fill(apps, "directory", "Service", "ServiceTranslation", "service", FIELDS)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="servicetranslation",
            name="origins",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="origin of each field"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="servicetranslation", name="status"),
        migrations.AlterField(
            model_name="servicetranslation",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated"),
        ),
    ]
