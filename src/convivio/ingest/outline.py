"""Numbering and heading utilities shared by the ingest parsers.

Stable API (the practice parser imports it read-only):

- ``split_lines(text) -> list[Line]``: the text's non-empty lines with their offsets;
  a number printed alone on its line ("1.1.", "III.", "Medida 2.") is joined with the
  next non-empty line, keeping offsets into ``text`` (``Line.span_of``).
- ``parse_marker(line) -> Marker | None``: what numbers or labels the line: a dotted
  number ("1.", "1.1.1", "2.-"), a roman numeral ("VII."), a letter ("a)", "B."), a
  bullet ("·", "-", "•") or a label word with its code ("Action 3:", "Asse II",
  "Medida 1.1.1.") — with the code as printed, without label and trailing dot.
- ``label_kind(word) -> str | None``: "area", "objective" or "measure" for a label word
  in any of the supported languages.
- ``roman_to_int(s) -> int | None``, ``is_heading_like(s) -> bool``,
  ``disaggregation_keys(s) -> list[str]`` (canonical dimension keys named in ``s``).

Everything is compiled once and linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon

__all__ = [
    "LABEL_WORDS",
    "Line",
    "Marker",
    "disaggregation_keys",
    "is_heading_like",
    "label_kind",
    "parse_marker",
    "roman_to_int",
    "split_lines",
]

#: The node kinds a label word can announce; the words are the lexicon's role
#: "level" (``data/lexicon.tsv``), the one vocabulary of all ingest readers.
LABEL_KINDS = ("area", "objective", "measure")


def _label_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for entry in lexicon.entries():
        if entry.role != "level" or entry.value not in LABEL_KINDS:
            continue
        if entry.term.startswith("*") or entry.term.endswith("*"):
            continue
        # The first reading of a word wins (the lexicon lists areas first).
        words.setdefault(" ".join(entry.term.lower().split()), entry.value)
    return words


#: Label word (lower case) → node kind, from the lexicon.
LABEL_WORDS: dict[str, str] = _label_words()

#: Any label word, any case and accents, longest first (compound tails included:
#: "Teilziel", "Handlungsfeld").
_LABEL_ALT = lexicon.regex("level", LABEL_KINDS)


def label_kind(word: str) -> str | None:
    """The node kind of a label word ("Medida" → "measure"), None if unknown."""
    for entry in lexicon.lookup(word, role="level"):
        if entry.value in LABEL_KINDS:
            return entry.value
    return None


_ROMAN_RE = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(value: str) -> int | None:
    """``"VII"`` → 7; None when ``value`` is not a well-formed roman numeral."""
    value = value.upper()
    if not value or not _ROMAN_RE.match(value):
        return None
    total = 0
    for i, char in enumerate(value):
        number = _ROMAN_VALUES[char]
        if i + 1 < len(value) and _ROMAN_VALUES[value[i + 1]] > number:
            total -= number
        else:
            total += number
    return total


@dataclass
class Line:
    """A logical line: ``text`` is stripped; offsets point into the source text.

    When a number alone on its line was joined with the next line, ``text`` is
    ``number + " " + next line`` and ``span_of`` maps positions back.
    """

    start: int
    end: int
    text: str
    #: Raw first characters before stripping (tables turned into text start with a tab).
    indent: str = ""
    #: Length of the joined prefix ("1.1." + " "), 0 when nothing was joined.
    joined: int = 0
    #: Offset of the second line's text when joined.
    body_start: int = 0

    def offset(self, position: int) -> int:
        """Offset in the source text of position ``position`` of ``self.text``."""
        if self.joined and position >= self.joined:
            return self.body_start + position - self.joined
        return self.start + position

    def span_of(self, begin: int, end: int | None = None) -> tuple[int, int]:
        """Source span of ``self.text[begin:end]``."""
        if end is None:
            end = len(self.text)
        if begin >= end:
            point = self.offset(begin) if begin < len(self.text) else self.end
            return (point, point)
        return (self.offset(begin), self.offset(end - 1) + 1)


_LINE_RE = re.compile(r"[^\n]*")
_NUMBER_ALONE_RE = re.compile(
    r"^(?:(?:" + _LABEL_ALT + r")\s+)?"
    r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zA-Z])\s*[.):\-–]*\s*-?$",
    re.IGNORECASE,
)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines of ``text`` with their
    offsets; lone numbers joined to the next."""
    raw: list[tuple[int, int, str, str]] = []
    for match in _LINE_RE.finditer(text):
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = match.start() + lead
        raw.append((start, start + len(stripped), stripped, chunk[:lead]))
    lines: list[Line] = []
    i = 0
    while i < len(raw):
        start, end, stripped, indent = raw[i]
        if (
            i + 1 < len(raw)
            and len(stripped) <= 40
            and _NUMBER_ALONE_RE.match(stripped)
            and not _NUMBER_ALONE_RE.match(raw[i + 1][2])
        ):
            n_start, n_end, n_text, _ = raw[i + 1]
            lines.append(
                Line(
                    start,
                    n_end,
                    stripped + " " + n_text,
                    indent,
                    joined=len(stripped) + 1,
                    body_start=n_start,
                )
            )
            i += 2
            continue
        lines.append(Line(start, end, stripped, indent))
        i += 1
    return lines


@dataclass
class Marker:
    """What numbers a line.

    ``style``: "num" (dotted arabic), "roman", "lower", "upper", "bullet" or
    "label" (a label word such as "Action" with or without a code).
    """

    style: str
    #: As printed without label and trailing dot ("1.1.1", "II", "a"); "" for bullets.
    code: str
    #: Value of the last component (1.1.3 → 3, VII → 7, c → 3); 0 for bullets.
    value: int
    #: Number of components for "num" (1.1.3 → 3), 1 otherwise.
    depth: int
    #: Where the title starts in ``line.text``.
    title_at: int
    #: Kind from the label word, when there is one.
    kind: str | None = None
    label: str = ""
    #: (begin, end) of the code in ``line.text``.
    code_at: tuple[int, int] = (0, 0)


_BULLET_RE = re.compile(r"^([·•▪◦●○■□►▸‣⁃*\-–—])\s*")
_LABEL_RE = re.compile(
    r"^(" + _LABEL_ALT + r")\b\.?\s*"
    r"(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}\b|[A-Za-z]\b)?"
    r"\s*[.:)\-–—]*\s*",
    re.IGNORECASE,
)
_NUM_RE = re.compile(
    r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.?\s*[-–—]\s*|\.?\s*\)\s*|\.?\s*:\s*|\.\s*|\s+(?=\d*[^\d\s.]))"
)
_ROMAN_MARK_RE = re.compile(r"^([IVXLC]{1,6})(?:[.)]\s*|\s*[-–—:]\s+)")
_LOWER_RE = re.compile(r"^([a-z])[).]\s+")
_UPPER_RE = re.compile(r"^([A-Z])[.)]\s+")


def parse_marker(line: Line | str) -> Marker | None:
    """The marker that starts ``line`` (see :class:`Marker`), or None for plain text."""
    text = line if isinstance(line, str) else line.text
    match = _NUM_RE.match(text)
    if match:
        code = match.group(1)
        parts = code.split(".")
        # "2018 was…", "10 %": without a dot, only short dotted codes count.
        tail = text[match.end(1) : match.end()]
        if (
            len(parts) == 1
            and not tail.strip()
            and (len(code) > 2 or text[match.end() :][:1].islower())
        ):
            return None
        if len(parts) > 1 and int(parts[0]) > 99:
            return None
        return Marker(
            "num",
            code,
            int(parts[-1]),
            len(parts),
            match.end(),
            code_at=(0, match.end(1)),
        )
    match = _LABEL_RE.match(text)
    if match and (
        match.group(2)
        or text[match.end(1) : match.end()].strip().startswith(":")
        or _label_alone(text, match)
    ):
        word = match.group(1)
        code = match.group(2) or ""
        value = _code_value(code)
        depth = len(code.split(".")) if code and code[0].isdigit() else 1
        return Marker(
            "label",
            code,
            value,
            depth,
            match.end(),
            kind=label_kind(word),
            label=word,
            code_at=match.span(2) if code else (match.end(1), match.end(1)),
        )
    match = _ROMAN_MARK_RE.match(text)
    if match and (number := roman_to_int(match.group(1))) is not None:
        return Marker(
            "roman", match.group(1), number, 1, match.end(), code_at=match.span(1)
        )
    match = _LOWER_RE.match(text)
    if match:
        return Marker(
            "lower",
            match.group(1),
            ord(match.group(1)) - 96,
            1,
            match.end(),
            code_at=match.span(1),
        )
    match = _UPPER_RE.match(text)
    if match:
        return Marker(
            "upper",
            match.group(1),
            ord(match.group(1)) - 64,
            1,
            match.end(),
            code_at=match.span(1),
        )
    match = _BULLET_RE.match(text)
    if match and len(text) > match.end():
        return Marker("bullet", "", 0, 1, match.end())
    return None


def _label_alone(text: str, match: re.Match[str]) -> bool:
    """ "Line of Action EDUCATION": a label followed by an upper-case heading."""
    rest = text[match.end() :]
    return bool(rest) and rest.isupper() and len(rest.split()) <= 8


def _code_value(code: str) -> int:
    if not code:
        return 0
    if code[0].isdigit():
        return int(code.split(".")[-1])
    roman = roman_to_int(code)
    if roman is not None and len(code) > 1:
        return roman
    if len(code) == 1:
        return (
            ord(code.lower()) - 96
            if code.isalpha() and code not in "IVX"
            else (roman or 0)
        )
    return roman or 0


_SENTENCE_RE = re.compile(r"[.;!?]\s+\S")


def is_heading_like(text: str) -> bool:
    """Short, title-like text ("EDUCATION", "2.-Health.", "Professional training")."""
    text = text.strip().rstrip(".:…").strip()
    if not text:
        return False
    if len(text) > 250:
        return False
    words = text.split()
    if len(words) > 20:
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return len(words) <= 20
    return len(words) <= 8 and not _SENTENCE_RE.search(text)


#: The words that announce a breakdown, before the dimensions ("by", "por",
#: "nach", "per", "po", "według", "ανά", "за", "حسب", "به تفکیک").  Grammar
#: words of each language rather than vocabulary; the dimensions themselves are
#: the lexicon's role "dimension".
_DISAGG_TRIGGER_RE = re.compile(
    r"\b(?:distribution of data|disaggregat\w*|broken down|"
    r"breakdown|by|per|por|nach|par|pe|po|naar|efter|prema|według|wg|"
    r"ανά|κατά|за|segons|según|secondo|desagregad\w*|desglosad\w*|aufgeschlüsselt|"
    r"ventilé\w*|dezagregat\w*|uppdelat på|fördelat på|uitgesplitst naar|"
    r"w podziale na|حسب|به تفکیک)(?!\w)",
    re.IGNORECASE,
)


def disaggregation_keys(text: str) -> list[str]:
    """Canonical keys of the dimensions ``text`` breaks data down by, in order found.

    "(Distribution of data by province, age and nationality)" → ["province", "age",
    "nationality"]; "por sexo y edad" → ["sex", "age"]; "nach Geschlecht" → ["sex"].
    A dimension counts only right after a trigger word ("by", "por", "nach", …).
    """
    found: list[str] = []
    for trigger in _DISAGG_TRIGGER_RE.finditer(text):
        window = text[trigger.end() : trigger.end() + 90]
        cut = re.search(r"[).;]|\bin relation\b|\bof\b", window)
        if cut:
            window = window[: cut.start()]
        # An empty value is a phrase that holds a dimension word without being
        # one ("gender-based violence"): it hides the word and names nothing.
        hits = lexicon.find(window, role="dimension")
        if not hits or hits[0].start > 12 or not hits[0].value:
            continue
        for hit in hits:
            if hit.value and hit.value not in found:
                found.append(hit.value)
    return found
