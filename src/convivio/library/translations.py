"""Documents as a translatable kind (``core.translation.register_kind``): their
title and description are translated, the text read from the file is not."""

from __future__ import annotations

from django.db.models import QuerySet

from convivio.core.permissions import editable_organisation_ids

from . import selectors
from .models import Document, DocumentTranslation


def can_translate(user, document: Document) -> bool:
    """Who may edit it (who added it, its organisation's editors, moderators)."""
    return selectors.document_can_edit(user=user, document=document)


def can_view(user, document: Document) -> bool:
    return selectors.document_can_view(user=user, document=document)


def queue(user) -> QuerySet[Document]:
    """The documents of the organisations the person edits for."""
    return Document.objects.filter(organisation_id__in=editable_organisation_ids(user))


def title(document: Document, language: str | None) -> str:
    row = document.translation_for(language)
    return row.title if row is not None else document.title


def reindex(sender, instance: DocumentTranslation, **kwargs) -> None:
    """Search finds a document through every translation: a row saved or
    removed (the translation screen, machine translation) indexes it again."""
    from .services import document_index

    document = Document.objects.filter(pk=instance.document_id).first()
    if document is not None:
        document_index(document=document)
