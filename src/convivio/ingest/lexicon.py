"""The one multilingual lexicon of ingestion: the words documents use for their
levels, fields, audiences, dimensions, sections and furniture, in every language
of the platform and of the plans it reads.

It is data (``data/lexicon*.tsv``: term, language, role, value), read once.  The
parsers, the genre classifier and the line labeller use it as *evidence*
(features, cues), never as a gate: a word missing here lowers a score, it does
not hide a record.

Stable API:

- ``entries() -> list[Entry]``;
- ``find(text, role=None, language=None) -> list[Hit]``: the terms in ``text``
  (case- and accent-folded, whole words, multi-word terms across line breaks),
  longest first and not overlapping; ``role`` keeps one role ("level", "field",
  "audience", "dimension", "null", "ongoing", "section", "furniture",
  "qualitative", "genre");
- ``leading(text, role=None, language=None) -> Hit | None``: the term the text
  starts with (after a bullet or number), e.g. a label word or a field label;
- ``fold(text)``: the folding used for matching (same length as ``text``);
- ``terms(role, value=None, language=None) -> list[str]``: the plain terms;
- ``lookup(word, role=None, language=None) -> list[Entry]``: the entries of one
  term ("Maßnahmen" → level/measure);
- ``regex(role, value=None, language=None) -> str``: a regular expression source
  (a non-capturing group, no word boundaries; compile it with ``re.IGNORECASE``)
  matching the terms in *unfolded* text with or without their accents, for
  patterns that also need the text's capitals (codes such as "II", "B").

Term syntax in the data: spaces and hyphens between words match any run of
spaces, hyphens and line breaks ("time frame" finds "time-frame" and
"time\\nframe"); "ß"/"ss", "œ"/"oe" and "æ"/"ae" are the same; a leading ``*``
makes the term the tail of a compound ("*ziel" finds "Teilziel", "Handlungsziel":
German, Dutch, Swedish and Greek build such words freely); a trailing ``*`` makes
it a stem ("nationalit*" finds "nationality", "nationalità").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
DATA = DATA_DIR / "lexicon.tsv"

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


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    language: str
    role: str
    value: str


@dataclass(frozen=True, slots=True)
class Hit:
    role: str
    value: str
    term: str
    language: str
    #: Offsets in the text given to find().
    start: int
    end: int


# --- Folding --------------------------------------------------------------------------

#: Letters that Unicode does not decompose but readers treat as the same letter
#: (Greek final sigma, Turkish dotless i, Polish ł, Croatian đ, Nordic ø, typographic
#: apostrophes, Arabic and Persian forms of yeh and kaf).  One character each, so
#: that folding keeps offsets.
_SPECIAL = {
    "ς": "σ",
    "ı": "i",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ø": "o",
    "Ø": "o",
    "ħ": "h",
    "Ħ": "h",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "ẞ": "ß",
}


def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)
    kept = "".join(c for c in base if not unicodedata.combining(c)) or char
    lower = kept[0].lower()
    # "İ".lower() is two characters: NFD already gave "I", so this is rare.
    return _SPECIAL.get(lower, lower) if len(lower) == 1 else char


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, one character for one character, so offsets in
    the folded text are offsets in the original ("ΆΞΟΝΑΣ" → "αξονασ", "İzmir" →
    "izmir", "Maßnahme" → "maßnahme": "ß" and "ss" are equated when matching)."""
    return text.translate(_TABLE)


#: Inside a term, a run of spaces or hyphens between two letters.
_JOIN = re.compile(r"(?<=\w)[\s\-‐‑]+(?=\w)")
_SPACES = re.compile(r"\s+")


#: What _key() changes; most matched texts have none of it.
_UNKEYED = re.compile(r"[\s\-‐‑ßœæ]")


def _key(folded: str) -> str:
    """The comparison form of a folded term or matched text."""
    if not _UNKEYED.search(folded):
        return folded
    text = folded.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", _JOIN.sub(" ", text)).strip()


# --- Data -----------------------------------------------------------------------------


@cache
def entries() -> list[Entry]:
    """Every row of ``data/lexicon*.tsv`` (``lexicon.tsv`` first), in file order."""
    files = sorted(DATA_DIR.glob("lexicon*.tsv"), key=lambda p: (p != DATA, p.name))
    found = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row or row[0].startswith("#") or len(row) < 3:
                    continue
                term, language, role = (x.strip() for x in row[:3])
                value = row[3].strip() if len(row) > 3 else ""
                if term and role in ROLES:
                    found.append(Entry(term, language or "*", role, value))
    return found


def _chosen(
    role: str | None, value: str | tuple[str, ...] | None, language: str | None
) -> list[Entry]:
    values = (value,) if isinstance(value, str) else value
    return [
        e
        for e in entries()
        if (role is None or e.role == role)
        and (values is None or e.value in values)
        and (language is None or e.language in (language, "*"))
    ]


def terms(
    role: str | None = None,
    value: str | tuple[str, ...] | None = None,
    language: str | None = None,
) -> list[str]:
    """The terms of a role (and value, language), as written, without duplicates."""
    seen: dict[str, None] = {}
    for entry in _chosen(role, value, language):
        seen.setdefault(entry.term, None)
    return list(seen)


@cache
def _by_key(role: str | None, language: str | None) -> dict[str, list[Entry]]:
    table: dict[str, list[Entry]] = {}
    for entry in _chosen(role, None, language):
        table.setdefault(_key(fold(entry.term)), []).append(entry)
    return table


@cache
def _wildcards(role: str | None, language: str | None) -> list[tuple[str, str]]:
    """("tail" | "stem", bare key) of the compound tails and stems."""
    found = []
    for key in _by_key(role, language):
        if key.startswith("*") and len(key) > 1:
            found.append(("tail", key))
        elif key.endswith("*") and len(key) > 1:
            found.append(("stem", key))
    return found


@lru_cache(maxsize=65536)
def _lookup_key(key: str, role: str | None, language: str | None) -> tuple[Entry, ...]:
    table = _by_key(role, language)
    if key in table:
        return tuple(table[key])
    # The longest compound tail or stem that fits.
    best: tuple[int, str] = (0, "")
    for kind, term_key in _wildcards(role, language):
        bare = term_key[1:] if kind == "tail" else term_key[:-1]
        fits = key.endswith(bare) if kind == "tail" else key.startswith(bare)
        if fits and len(bare) > best[0]:
            best = (len(bare), term_key)
    return tuple(table[best[1]]) if best[1] else ()


def lookup(
    word: str, role: str | None = None, language: str | None = None
) -> list[Entry]:
    """The entries whose term is ``word`` (folded, whole), e.g. "Maßnahmen"."""
    return list(_lookup_key(_key(fold(word)), role, language))


# --- Patterns -------------------------------------------------------------------------

_PAIRS = {"ss": "ß", "oe": "œ", "ae": "æ"}


def _units(key: str) -> list[str]:
    """A term key cut into matching units: letters, " " (a join), pairs with a
    one-letter equivalent ("ss" ~ "ß")."""
    units = []
    i = 0
    while i < len(key):
        if key[i : i + 2] in _PAIRS:
            units.append(key[i : i + 2])
            i += 2
        else:
            units.append(key[i])
            i += 1
    return units


def _render_unit(unit: str) -> str:
    if unit == " ":
        return r"[\s\-‐‑]+"
    if unit in _PAIRS:
        return f"(?:{re.escape(unit)}|{_PAIRS[unit]})"
    return re.escape(unit)


def _trie(keys: list[str]) -> str:
    """An alternation of ``keys`` as a trie: fast to match, longest first."""
    root: dict = {}
    for key in keys:
        node = root
        for unit in _units(key):
            node = node.setdefault(unit, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        alternatives = [
            _render_unit(unit) + render(child)
            for unit, child in sorted(node.items())
            if unit
        ]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and not ends:
            return alternatives[0]
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if ends else body

    return render(root)


def _alternation(keys: list[str]) -> str:
    exact = [k for k in keys if not k.startswith("*") and not k.endswith("*")]
    tails = [k[1:] for k in keys if k.startswith("*") and len(k) > 1]
    stems = [k[:-1] for k in keys if k.endswith("*") and not k.startswith("*")]
    branches = []
    if exact:
        branches.append(_trie(exact))
    if tails:
        branches.append(r"\w*?" + _trie(tails))
    if stems:
        branches.append(_trie(stems) + r"\w*")
    if not branches:
        return "(?!)"
    return "(?:" + "|".join(branches) + ")"


@cache
def _pattern(role: str | None, language: str | None) -> re.Pattern[str]:
    keys = list(_by_key(role, language))
    # A term starts where no letter or digit precedes it and ends where none follows.
    return re.compile(r"(?<!\w)" + _alternation(keys) + r"(?!\w)")


def _spellings(term: str) -> set[str]:
    """The ways a term is printed, in lower case: as written, without accents,
    folded, with "ss" for "ß" and either Romanian s/t with comma or cedilla."""
    written = " ".join(term.lower().split())
    bare = "".join(
        c for c in unicodedata.normalize("NFD", written) if not unicodedata.combining(c)
    )
    found = set()
    for form in (written, unicodedata.normalize("NFC", bare), fold(written)):
        found.add(form)
        found.add(form.replace("ș", "ş").replace("ț", "ţ"))
        found.add(form.replace("ş", "ș").replace("ţ", "ț"))
    return found


@cache
def regex(
    role: str | None = None,
    value: str | tuple[str, ...] | None = None,
    language: str | None = None,
) -> str:
    """Source of a group matching the terms in *unfolded* text, to be compiled with
    ``re.IGNORECASE`` (the spellings with and without accents are listed: a
    pattern of character classes would take seconds to compile); ``value`` may
    be a tuple of values.  Longest term first at each place."""
    keys: set[str] = set()
    for entry in _chosen(role, value, language):
        keys.update(_key(form) for form in _spellings(entry.term))
    return _alternation(sorted(keys))


def find(text: str, role: str | None = None, language: str | None = None) -> list[Hit]:
    """Every term of ``role`` (all roles if None) in ``text``, left to right, the
    longest at each place, not overlapping; one hit per entry of a term."""
    pattern = _pattern(role, language)
    hits = []
    for match in pattern.finditer(fold(text)):
        for entry in _lookup_key(_key(match.group()), role, language):
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


#: Up to two short words before an audience in a heading: the preposition and
#: article every language puts there ("To the", "A la", "Alla", "À l'", "Aux",
#: "An die", "Către", "Dla", "Προς την", "Для").
_ADDRESS_WORD = re.compile(r"[^\W\d_]{1,5}(?:\s+|(?<=')|(?<=’))")
_ADDRESS = re.compile(_ADDRESS_WORD.pattern + r"(?:[^\W\d_]{1,4}\s+)?")


def leading(
    text: str, role: str | None = None, language: str | None = None
) -> Hit | None:
    """The term ``text`` starts with, after a bullet or a short number ("• Resp.:"
    → field/responsible); for audiences also after a preposition and an article
    ("A los ayuntamientos" → local).  None when it starts with anything else."""
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    found = _leading_at(text, offset, role, language)
    if found is not None or role != "audience":
        return found
    # "Recommendations to …", "Rekomendacje dla …": a section word may come first.
    section = _leading_at(text, offset, "section", language)
    starts = [offset] + ([_skip_spaces(text, section.end)] if section else [])
    for start in starts:
        address = _ADDRESS.match(text, start)
        if not address:
            continue
        found = _leading_at(text, address.end(), role, language)
        first = _ADDRESS_WORD.match(text, start)
        if found is None and first and first.end() < address.end():
            found = _leading_at(text, first.end(), role, language)
        if found is not None:
            return found
    return None


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _leading_at(
    text: str, offset: int, role: str | None, language: str | None
) -> Hit | None:
    pattern = _pattern(role, language)
    match = pattern.match(fold(text[offset : offset + 120]))
    if not match:
        return None
    found = _lookup_key(_key(match.group()), role, language)
    if not found:
        return None
    entry = found[0]
    return Hit(
        entry.role,
        entry.value,
        entry.term,
        entry.language,
        match.start() + offset,
        match.end() + offset,
    )
