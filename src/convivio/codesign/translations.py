"""Co-design processes as a translatable kind (``core.translation.register_kind``):
their facilitators translate the title, challenge and description; a translation
written through the translation screen reaches the search index
(``text_changed``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save

from convivio.community.models import Member

from . import permissions
from .models import Participant, Process, ProcessTranslation


def can_translate(user: Any, process: Process) -> bool:
    return permissions.can_facilitate(user, process)


def can_view(user: Any, process: Process) -> bool:
    return permissions.can_view_process(user, process)


def queue(user: Any) -> QuerySet[Process]:
    """The processes the person facilitates."""
    return Process.objects.filter(
        Q(
            network__members__user=user,
            network__members__role=Member.Role.COORDINATOR,
        )
        | Q(
            participants__user=user,
            participants__role=Participant.Role.FACILITATOR,
        )
    ).distinct()


def title(process: Process, language: str | None) -> str:
    row = process.translation_for(language)
    return row.title if row is not None else str(process)


def text_changed(sender: Any, instance: ProcessTranslation, **kwargs: Any) -> None:
    from .services import process_index

    origin = kwargs.get("origin")
    if isinstance(origin, Process) or getattr(origin, "model", None) is Process:
        return  # the process itself is being deleted
    process = Process.objects.filter(pk=instance.process_id).first()
    if process is not None:
        process_index(process)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            text_changed, sender=ProcessTranslation, dispatch_uid="codesign-search"
        )
