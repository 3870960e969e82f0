"""The sentences of co-design's notifications, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import PhaseKind


def phase_text(params: dict[str, Any]) -> str:
    try:
        phase = PhaseKind(params.get("phase")).label
    except ValueError:
        phase = str(params.get("phase", ""))
    return _("“%(title)s” is now in its %(phase)s phase.") % {
        "title": params.get("title", ""),
        "phase": phase,
    }
