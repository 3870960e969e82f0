"""The learned line labeller: what each logical line of a document is.

A linear-chain CRF (python-crfsuite) labels every line of a ``layout.Layout`` with
one of ``training.LABELS`` (area, objective, measure, field, indicator, audience,
recommendation, practice, heading, text, noise) and the marginal probability of
that label.  It is evidence for the readers (the plan tree, the practice reader),
which still check codes against their parents: a label is a vote, not a verdict.

The features are general facts about how documents print their records, never
words of one document: the shape of the line's marker (dotted depth, roman,
letter, letter suffix, a prefix glued to the number such as M1.1 or OE2, a label
word), lexicon hits (level, field, audience, dimension, null and section words),
capitals, length, punctuation, indentation, table cells, repetition (running
headers, repeated table headers), the place on the page, whether the line's code
continues a sequence or has an open parent (the code one level up seen before),
the section role; and the same for the neighbouring lines (±1, ±2).

The model is ``data/line-labeller.crfsuite`` (or the file named by the
environment variable CONVIVIO_LABELLER_MODEL), trained by
``python -m convivio train_labeller`` from annotated documents (training.py),
loaded once, offline.

Stable API: ``features(lines, language) -> list[dict]``, ``label(lines,
language) -> list[(label, probability)]``, ``model_path()``, ``train(...)``.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from . import lexicon
from .layout import LayoutLine
from .outline import parse_marker, roman_to_int

MODEL = Path(__file__).with_name("data") / "line-labeller.crfsuite"
ENV_MODEL = "CONVIVIO_LABELLER_MODEL"

#: Features repeated for the neighbours (the rest describe the line alone).
_NEIGHBOUR_KEYS = (
    "shape",
    "depth",
    "level",
    "field",
    "len",
    "caps",
    "end",
    "table",
    "blank",
    "furniture",
    "seq",
    "parent",
    "audience",
    "marker",
    "from_deepest",
    "shape_count",
    "colon",
)

Features = dict[str, str | float]


def model_path() -> Path:
    """The model file: CONVIVIO_LABELLER_MODEL when set (cross-validation trains
    one per fold), else the committed one."""
    return Path(os.environ.get(ENV_MODEL) or MODEL)


# --- codes -----------------------------------------------------------------------

_BULLETS = re.compile(r"^[\s|\-–—•·*▪◦●○■□►▸‣⁃>#\"'«„“]*")
_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,4})\.?$")
_SUFFIX = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,3})\.?([a-z])\)?\.?$")
_ROMAN = re.compile(r"^([IVXLC]{1,6})(?:\.(\d{1,3}(?:\.\d{1,3}){0,3}))?\.?$")
_GLUED = re.compile(r"^([A-Za-z]{1,3})(\d{1,3}(?:\.\d{1,3}){0,3})\.?$")
_LETTER = re.compile(r"^([A-Za-z])[.)]$")
_PAREN = re.compile(r"^\(?(\d{1,2}|[a-z])\)$")
_TOKEN = re.compile(r"[^\s|:;,\t]+")
_WORD = re.compile(r"^[^\W\d_][\w'’.]*$")


def code_shape(text: str) -> tuple[str, tuple[str, ...], int]:
    """(shape, parts, skipped words) of the code that numbers ``text``: shape is
    "dotted", "suffix", "roman", "roman_dotted", "glued", "letter", "paren" or ""
    (no code); parts are the code's components ("M1.1" → ("m", "1", "1")); the
    code may follow up to three label words ("Medida", "Cel operacyjny")."""
    return _code_token(text)[:3]


def _code_token(text: str) -> tuple[str, tuple[str, ...], int, int]:
    """``code_shape`` and where the code's token ends in ``text`` (0: no code)."""
    lead = len(_BULLETS.match(text).group())  # type: ignore[union-attr]
    for skipped, match in enumerate(_TOKEN.finditer(text, lead, lead + 80)):
        if skipped > 3:
            break
        token = match.group()
        found = _shape_of(token)
        if found:
            return found[0], found[1], skipped, match.end()
        if not _WORD.match(token):
            break
    return "", (), 0, 0


def _shape_of(token: str) -> tuple[str, tuple[str, ...]] | None:
    if match := _DOTTED.match(token):
        return "dotted", tuple(match.group(1).split("."))
    if match := _SUFFIX.match(token):
        return "suffix", (*match.group(1).split("."), match.group(2))
    if (match := _ROMAN.match(token)) and roman_to_int(match.group(1)):
        numeral = str(roman_to_int(match.group(1)))
        if match.group(2):
            return "roman_dotted", (numeral, *match.group(2).split("."))
        # A lone "I" or "C" is a word as often as a numeral.
        if len(match.group(1)) > 1 or token.endswith("."):
            return "roman", (numeral,)
        return None
    if match := _GLUED.match(token):
        return "glued", (match.group(1).lower(), *match.group(2).split("."))
    if match := _LETTER.match(token):
        return "letter", (match.group(1).lower(),)
    if match := _PAREN.match(token):
        return "paren", (match.group(1),)
    return None


def _value(part: str) -> int:
    if part.isdigit():
        return int(part)
    if len(part) == 1 and part.isalpha():
        return ord(part.lower()) - 96
    return 0


def _bucket(value: float, edges: Sequence[float]) -> str:
    for i, edge in enumerate(edges):
        if value <= edge:
            return str(i)
    return str(len(edges))


_REPEAT_KEY = re.compile(r"\d+")
_HEAD = 240
_LETTERS = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d")
_CLAUSE = re.compile(r"[.;:!?](?:\s|$)")


def _repeat_key(text: str) -> str:
    return _REPEAT_KEY.sub("#", lexicon.fold(" ".join(text[:_HEAD].split())))


# --- features --------------------------------------------------------------------


def _own_features(
    line: LayoutLine,
    previous: LayoutLine | None,
    following: LayoutLine | None,
    language: str | None,
    repeats: Counter,
    seen: set[tuple[str, ...]],
    last_at_depth: dict[tuple[str, ...], int],
) -> Features:
    text = line.text
    f: Features = {"bias": 1.0}
    shape, parts, skipped, code_end = _code_token(text)
    f["shape"] = shape or "none"
    f["depth"] = str(len(parts)) if parts else "0"
    f["skipped"] = str(skipped)
    if parts:
        f["shape_depth"] = f"{shape}{len(parts)}"
        parent = parts[:-1]
        # The code continues a sequence (1.2 after 1.1) or opens one (…1).
        previous_value = last_at_depth.get(parent)
        value = _value(parts[-1])
        f["seq"] = (
            "first"
            if value == 1 and previous_value is None
            else "next"
            if previous_value is not None and value == previous_value + 1
            else "same"
            if previous_value == value
            else "jump"
        )
        f["parent"] = (
            "open" if parent and parent in seen else ("top" if not parent else "none")
        )
        seen.add(parts)
        last_at_depth[parent] = value
    # The word that opens the line, and the label word before a code: the
    # lexicon does not know every language's words, the corpus may.
    words = _TOKEN.findall(_BULLETS.sub("", text)[:60])
    if words and _WORD.match(words[0]) and len(words[0]) <= 20:
        f["first_word"] = lexicon.fold(words[0]).rstrip(".")
    if parts and skipped:
        f["code_label"] = lexicon.fold(" ".join(words[:skipped]))
    marker = parse_marker(text)
    if marker:
        f["marker"] = marker.style
        if marker.kind:
            f["marker_kind"] = marker.kind
    hits = lexicon.find(text[:200], language=language)
    bullets = _BULLETS.match(text)
    lead = bullets.end() if bullets else 0
    for hit in hits:
        leading = hit.start <= lead + 12
        if hit.role == "level":
            f["level"] = hit.value if leading else "inner"
            if leading:
                f[f"level_{hit.value}"] = 1.0
        elif hit.role == "field":
            if leading:
                f["field"] = hit.value
            f["has_field"] = 1.0
        elif hit.role in ("audience", "dimension", "null", "ongoing", "qualitative"):
            f[f"has_{hit.role}"] = 1.0
            if hit.role == "audience" and leading:
                f["audience"] = "lead"
        elif hit.role == "section" and leading and len(text) < 80:
            f["section_word"] = hit.value
        elif hit.role == "furniture":
            f["has_furniture_word"] = 1.0
    # Shares are measured on the line's head: enough to tell a heading from
    # prose, and linear time stays small on long joined paragraphs.
    head = text[:_HEAD]
    letters = _LETTERS.findall(head)
    caps = sum(1 for c in letters if c.isupper()) / len(letters) if letters else 0.0
    f["caps"] = _bucket(caps, (0.05, 0.2, 0.5, 0.8))
    f["initial_cap"] = 1.0 if letters and letters[0].isupper() else 0.0
    f["len"] = _bucket(len(text), (3, 8, 20, 40, 80, 160, 320))
    # The first clause: a heading or record title stays short even when the
    # layout joined a paragraph to it.
    clause = _CLAUSE.split(text, maxsplit=1)[0]
    f["clause"] = _bucket(len(clause.split()), (1, 3, 6, 12, 24))
    if parts:
        # What follows the code ("1." heading, "1)" list item, "1:" label) and
        # whether the title after it starts with a capital.
        tail = text[code_end - 1]
        if tail not in ".)":
            tail = text[code_end : code_end + 3].strip()[:1]
        f["code_tail"] = tail if tail in ".):-–—|" else ("none" if not tail else "word")
        rest = text[code_end:].lstrip(" .):-–—|\t")
        f["title_case"] = (
            "none" if not rest else "upper" if rest[:1].isupper() else "lower"
        )
    f["words"] = _bucket(len(text.split()), (1, 2, 4, 8, 16, 32))
    digits = len(_DIGITS.findall(head))
    f["digits"] = _bucket(digits / max(len(head), 1), (0.0, 0.1, 0.3, 0.6))
    end = text.rstrip()[-1:]
    f["end"] = end if end in ".:;,!?)–-…" else ("digit" if end.isdigit() else "alpha")
    f["colon"] = "early" if ":" in text[:40] else ("late" if ":" in text else "no")
    f["arrow"] = 1.0 if re.search(r"→|->|⇒", text) else 0.0
    f["currency"] = 1.0 if re.search(r"[€£$]|\bEUR\b", text) else 0.0
    f["year"] = 1.0 if re.search(r"\b(?:19|20)\d\d\b", text) else 0.0
    f["indent"] = _bucket(line.indent, (0, 2, 6))
    f["blank"] = "1" if line.blank_before else "0"
    f["furniture"] = line.furniture or "no"
    if line.cells is not None:
        f["table"] = "row"
        f["cells"] = _bucket(len(line.cells), (1, 2, 3, 5, 8))
        first = line.cells[0].text if line.cells else ""
        cell_shape, cell_parts, _ = code_shape(first)
        f["cell_shape"] = f"{cell_shape}{len(cell_parts)}" if cell_shape else "none"
        f["cell_len"] = _bucket(len(first), (3, 8, 20, 60))
    else:
        f["table"] = (
            "pipe" if text.count("|") >= 2 else ("tab" if "\t" in text else "no")
        )
    f["repeat"] = _bucket(repeats[_repeat_key(text)] - 1, (0, 1, 3))
    if previous is None or previous.page != line.page:
        f["page_first"] = 1.0
    if following is None or following.page != line.page:
        f["page_last"] = 1.0
    # Furniture has no section; a layout whose sections were not assigned has
    # none either: no feature rather than a value that means furniture.
    if line.section:
        f["section"] = line.section
    return f


def features(
    lines: Sequence[LayoutLine], language: str | None = None
) -> list[Features]:
    """One feature dict per line (see the module): the line's own features and its
    neighbours' (``-2:``, ``-1:``, ``+1:``, ``+2:`` prefixes)."""
    repeats = Counter(_repeat_key(line.text) for line in lines)
    seen: set[tuple[str, ...]] = set()
    last_at_depth: dict[tuple[str, ...], int] = {}
    own = [
        _own_features(
            line,
            lines[i - 1] if i else None,
            lines[i + 1] if i + 1 < len(lines) else None,
            language,
            repeats,
            seen,
            last_at_depth,
        )
        for i, line in enumerate(lines)
    ]
    _document_features(lines, own)
    out: list[Features] = []
    for i, mine in enumerate(own):
        f = dict(mine)
        for offset in (-2, -1, 1, 2):
            j = i + offset
            tag = f"{offset:+d}:"
            if 0 <= j < len(own):
                other = own[j]
                for key in _NEIGHBOUR_KEYS:
                    if key in other:
                        f[tag + key] = other[key]
            else:
                f[tag + "edge"] = 1.0
        out.append(f)
    return out


def _document_features(lines: Sequence[LayoutLine], own: list[Features]) -> None:
    """What a line is depends on the document's own scheme: how deep its code is
    compared with the deepest code of the same shape (the leaves are the
    measures), how many lines share its code shape (records repeat, headings do
    not), and the section word last seen above it."""
    deepest: dict[str, int] = {}
    count: Counter = Counter()
    for f in own:
        if f["shape"] != "none":
            shape = str(f["shape"])
            deepest[shape] = max(deepest.get(shape, 0), int(str(f["depth"])))
            count[f["shape_depth"]] += 1
    context = "none"
    for f in own:
        if "section_word" in f:
            context = str(f["section_word"])
        f["context"] = context
        if f["shape"] == "none":
            continue
        shape = str(f["shape"])
        f["from_deepest"] = str(deepest[shape] - int(str(f["depth"])))
        f["shape_count"] = _bucket(count[f["shape_depth"]] - 1, (0, 2, 5, 10))
        # Conjunctions the linear model cannot build itself.
        f["shape_seq"] = f"{f['shape_depth']}|{f['seq']}|{f['parent']}"
        f["shape_table"] = f"{f['shape_depth']}|{f['table']}"
        f["deep_count"] = f"{f['from_deepest']}|{f['shape_count']}"
        f["shape_level"] = f"{f['shape_depth']}|{f.get('level', 'none')}"
    for f in own:
        f["caps_len"] = f"{f['caps']}|{f['len']}"
        f["marker_blank"] = f"{f.get('marker', 'none')}|{f['blank']}"


# --- the model -------------------------------------------------------------------

_lock = threading.Lock()


@cache
def _tagger(path: str, stamp: float):
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def label(
    lines: Sequence[LayoutLine], language: str | None = None
) -> list[tuple[str, float]]:
    """(label, marginal probability) for each line.  Without a model file every
    line is ("text", 0.0): no evidence, which the readers treat as such."""
    if not lines:
        return []
    path = model_path()
    if not path.is_file():
        return [("text", 0.0)] * len(lines)
    xseq = features(lines, language)
    with _lock:  # a crfsuite Tagger holds one sequence at a time
        tagger = _tagger(str(path), path.stat().st_mtime)
        tagger.set(xseq)
        tags = tagger.tag()
        return [(tag, round(tagger.marginal(tag, i), 4)) for i, tag in enumerate(tags)]


def train(
    sequences: Iterable[tuple[list[Features], list[str]]],
    out: str | os.PathLike,
    *,
    c1: float = 0.2,
    c2: float = 0.01,
    iterations: int = 150,
    min_freq: int = 1,
) -> Path:
    """Train a CRF on (features, labels) sequences into ``out``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path
