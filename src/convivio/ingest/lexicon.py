"""The one multilingual lexicon of ingestion: the words documents use for their
levels, fields, audiences, dimensions, sections and furniture, in every language
of the platform and of the plans it reads.

It is data (``data/lexicon.tsv``: term, language, role, value), read once.  The
parsers and the line labeller use it as *evidence* (features, cues), never as a
gate: a word missing here lowers a score, it does not hide a record.

Stable API:

- ``entries() -> list[Entry]``;
- ``find(text, role=None, language=None) -> list[Hit]``: the terms in ``text``
  (case- and accent-folded, whole words), longest first and not overlapping;
  ``role`` keeps one role ("level", "field", "audience", "dimension", "null",
  "ongoing", "section", "furniture", "qualitative", "genre");
- ``leading(text, role=None, language=None) -> Hit | None``: the term the text
  starts with (after a bullet or number), e.g. a label word or a field label;
- ``fold(text)``: the folding used for matching.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "lexicon.tsv"

ROLES = (
    "level",
    "field",
    "audience",
    "dimension",
    "null",
    "ongoing",
    "section",
    "furniture",
    "qualitative",
    "genre",
)


@dataclass(frozen=True)
class Entry:
    term: str
    language: str
    role: str
    value: str


@dataclass(frozen=True)
class Hit:
    role: str
    value: str
    term: str
    language: str
    #: Offsets in the text given to find().
    start: int
    end: int


def fold(text: str) -> str:
    """Lower case without accents; length-preserving for the scripts we read, so
    offsets in the folded text are offsets in the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or char
        out.append(kept[0].lower() if len(kept[0].lower()) == 1 else char)
    return "".join(out)


@cache
def entries() -> list[Entry]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        found = []
        for row in rows:
            if not row or row[0].startswith("#") or len(row) < 4:
                continue
            term, language, role, value = (x.strip() for x in row[:4])
            if term and role in ROLES:
                found.append(Entry(term, language, role, value))
        return found


@cache
def _pattern(role: str | None, language: str | None) -> tuple[re.Pattern, dict]:
    chosen: dict[str, list[Entry]] = {}
    for entry in entries():
        if role and entry.role != role:
            continue
        if language and entry.language not in (language, "*"):
            continue
        chosen.setdefault(" ".join(fold(entry.term).split()), []).append(entry)
    terms = sorted(chosen, key=len, reverse=True)
    if not terms:
        return re.compile(r"(?!)"), chosen
    alternation = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), chosen


def find(text: str, role: str | None = None, language: str | None = None) -> list[Hit]:
    pattern, chosen = _pattern(role, language)
    folded = fold(text)
    hits = []
    for match in pattern.finditer(folded):
        key = " ".join(match.group().split())
        for entry in chosen.get(key, []):
            hits.append(
                Hit(
                    entry.role,
                    entry.value,
                    entry.term,
                    entry.language,
                    match.start(),
                    match.end(),
                )
            )
    return hits


_LEAD = re.compile(r"^[\s\-–—•·*▪●○►>#|]*(?:\(?[0-9IVXivx]{1,4}[.)]\s+)?")


def leading(
    text: str, role: str | None = None, language: str | None = None
) -> Hit | None:
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    for hit in find(text[offset : offset + 80], role, language):
        if hit.start == 0:
            return Hit(
                hit.role,
                hit.value,
                hit.term,
                hit.language,
                hit.start + offset,
                hit.end + offset,
            )
        break
    return None
