"""The sentences of co-design's notifications, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import permissions
from .models import PhaseKind, Process


def phase_text(params: dict[str, Any]) -> str:
    phase = str(params.get("phase", ""))
    if phase in PhaseKind.values:
        phase = str(PhaseKind(phase).label)
    return _("“%(title)s” is now in its %(phase)s phase.") % {
        "title": params.get("title", ""),
        "phase": phase,
    }


def can_follow(user: Any, pk: int) -> bool:
    """Anybody signed in who may read the process follows it (topic
    ``codesign:<id>``)."""
    process = Process.objects.select_related("network").filter(pk=pk).first()
    return process is not None and permissions.can_view_process(user, process)


def describe(pks: list[int]) -> dict[int, tuple[str, str]]:
    processes = Process.objects.filter(pk__in=pks).prefetch_related("translations")
    language = get_language() or ""
    found = {}
    for process in processes:
        row = process.translation_for(language)
        found[process.pk] = (
            row.title if row is not None else str(process),
            process.get_absolute_url(),
        )
    return found
