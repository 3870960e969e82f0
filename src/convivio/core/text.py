"""Text helpers shared by the apps."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str | None) -> str:
    """Lower case, without accents, punctuation or repeated spaces: the key on
    which names are matched ("villaverde del rio" is "Villaverde del Río")."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()
