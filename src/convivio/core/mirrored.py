"""Records that keep their original-language text on themselves as well as in
their translation rows (organisations, documents, surveys with their questions
and choices).

Those records predate translations: ordering, the builder, exports and older
code read ``record.title``.  The record's own fields stay the original's text
and the original translation row follows them: a service that edits the text
calls ``core.translation.save_original`` first (so that it can say ``minor``),
then saves the record; any other write (the admin, the demo, an import) is
caught here after the save and written to the original row as a plain edit.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from .translation import TranslatedRecord, save_original


def original_values(record: TranslatedRecord) -> dict[str, Any]:
    row_model = record.translations.model
    return {name: getattr(record, name) for name in row_model.TRANSLATED_FIELDS}


def _follow(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    row_model = instance.translations.model
    if update_fields is not None and not (
        set(row_model.TRANSLATED_FIELDS) & set(update_fields)
    ):
        return
    values = original_values(instance)
    if not created:
        row = row_model.objects.filter(
            **{row_model.RECORD_FIELD: instance},
            language_id=instance.original_language_id,
        ).first()
        if row is not None and row.values() == values:
            return
    save_original(instance, values)


def mirror_original_text(*models: type[TranslatedRecord]) -> None:
    """Keep each model's original row in step with its own fields (``ready``)."""
    for model in models:
        post_save.connect(
            _follow, sender=model, dispatch_uid=f"mirror-{model._meta.label}"
        )
