"""Documents as a translatable kind (``core.translation.register_kind``): their
title and description are translated, the text read from the file is not."""

from __future__ import annotations

from django.db.models import QuerySet

from convivio.core.permissions import editable_organisation_ids

from . import permissions
from .models import Document, DocumentTranslation


def can_translate(user, document: Document) -> bool:
    """Who may edit it (who added it, its organisation's editors, moderators)."""
    return permissions.can_edit_document(user, document)


def can_view(user, document: Document) -> bool:
    return permissions.can_view_document(user, document)


def queue(user) -> QuerySet[Document]:
    """The documents of the organisations the person edits for."""
    return Document.objects.filter(organisation_id__in=editable_organisation_ids(user))


def title(document: Document, language: str | None) -> str:
    row = document.translation_for(language)
    return row.title if row is not None else str(document)


def reindex(sender, instance: DocumentTranslation, **kwargs) -> None:
    """Search finds a document through every translation: a row saved or
    removed (the translation screen, machine translation) indexes it again."""
    from .services import document_index

    document = Document.objects.filter(pk=instance.document_id).first()
    if document is not None:
        document_index(document=document)


def follow_text_language(document_id: int, code: str | None) -> None:
    """A document added without saying its language got English as a guess;
    once the language of its text is known (ingestion, or a person correcting
    it), that is its original language, as long as it has no translation yet
    (then its rows are people's work and stay as they are)."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not code or document.original_language_id == code:
        return
    rows = list(DocumentTranslation.objects.filter(document=document))
    if len(rows) > 1 or (rows and rows[0].language_id != document.original_language_id):
        return
    for row in rows:
        row.language_id = code
        row.save(update_fields=["language", "updated_at"])
    Document.objects.filter(pk=document.pk).update(original_language_id=code)
