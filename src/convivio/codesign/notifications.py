"""The sentences of co-design's notifications, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import PhaseKind


def phase_text(params: dict[str, Any]) -> str:
    phase = str(params.get("phase", ""))
    if phase in PhaseKind.values:
        phase = str(PhaseKind(phase).label)
    return _("“%(title)s” is now in its %(phase)s phase.") % {
        "title": params.get("title", ""),
        "phase": phase,
    }
