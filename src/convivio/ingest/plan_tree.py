"""A plan's tree built under constraints (issue 14, design point 4).

``build(layout, labels, language) -> (plans, recommendations, unplaced)`` reads the
logical lines of a document (``layout.normalise``; their ``section`` set by the
section step when there is one) and the line labeller's guesses, and returns the
``PlanDraft``s with their areas, objectives, measures and indicators, the
recommendations that belong to no plan, and the lines of the action part that could
not be placed.

No fixed word → kind table: each document's own numbering scheme is inferred from
its coded lines.  A line's *key* is its label word (any short capitalised words
before the code: "Eje", "Mål", "Posebni cilj"…, or none) with the shape of its
code (dotted depth, roman, letter, glued prefix such as M1.1 / A12, letter
suffix).  The most numerous key whose lines hang consistently is the measure level;
the key their parents have is the level above, and so on up.  The depth of a key
in that chain decides its kind, so the same word can be an area in one document and
a measure in another.

Constraints: a dotted code hangs under the node whose code is its prefix (1.2.3
under 1.2; M1.1 under area 1); a sequence continues (skips kept); numbers in data
(thousands separators, amounts, percentages, years, dates, chronogram marks,
statistics alone on a line, dot leaders of contents and budget lines) are never
codes; sections other than the action part never feed the tree; a sequence that
starts again at the top after a finished tree is another plan; (code, parent), not
code, is unique.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from . import lexicon
from .layout import Cell, Layout, LayoutLine
from .outline import disaggregation_keys, is_heading_like, roman_to_int
from .shapes import (
    IndicatorDraft,
    NodeDraft,
    PlanDraft,
    RecommendationDraft,
    Span,
    UnplacedLine,
)

__all__ = ["Label", "build", "fallback_labels", "line_cells"]

#: Sections whose numbering is never the plan's outline (context, diagnosis,
#: method, legal, monitoring, budget and annex tables, glossaries…).
NOT_TREE = frozenset(
    {
        "contents",
        "introduction",
        "context",
        "diagnosis",
        "method",
        "legal",
        "monitoring",
        "budget",
        "glossary",
        "partners",
        "criteria",
        "minutes",
        "statistics",
        "call",
        "practices",
        "recommendations",
        "front_matter",
        "other",
    }
)


#: Sections that follow a plan and are none of its nodes.
BACK_MATTER = frozenset(
    {"glossary", "legal", "partners", "statistics", "minutes", "call", "criteria"}
)


def _find(
    text: str, role: str | None = None, language: str | None = None
) -> list[lexicon.Hit]:
    """The lexicon's hits in the document's language, else in any language: a
    misdetected language must not hide a field label or a heading."""
    return lexicon.find(text, role, language) or (
        lexicon.find(text, role, None) if language else []
    )


def _leading(
    text: str, role: str | None = None, language: str | None = None
) -> lexicon.Hit | None:
    """``lexicon.leading`` in the document's language, else in any language."""
    hit = lexicon.leading(text, role, language)
    if hit is None and language:
        hit = lexicon.leading(text, role, None)
    return hit


@dataclass
class Label:
    """The line labeller's guess for one line: a tag ("area", "objective",
    "measure", "indicator", "field", "audience", "recommendation", "heading",
    "text", "data") and its probability."""

    tag: str
    probability: float = 0.5


def as_label(value: Any) -> Label:
    """A labeller's answer in any of its plain forms (a tag, (tag, probability), or
    an object with ``tag``/``label`` and ``probability``/``prob``)."""
    if isinstance(value, Label):
        return value
    if isinstance(value, str):
        return Label(value, 0.5)
    if isinstance(value, tuple) and value:
        return Label(str(value[0]), float(value[1]) if len(value) > 1 else 0.5)
    tag = getattr(value, "tag", None) or getattr(value, "label", None) or "text"
    prob = getattr(value, "probability", None) or getattr(value, "prob", None)
    return Label(str(tag), float(prob) if prob is not None else 0.5)


# ------------------------------------------------------------------ codes

#: A code token: dotted arabic with an optional letter suffix (1, 1.2.3, 1.a, 1a,
#: 1.1.a), roman-led (IV, I.1.1), a letter, or a prefix glued to a number (M1.1,
#: OE2, A12, O1.1).
_CODE = (
    r"(?:[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})*"
    r"|\d{1,2}(?:\.\d{1,2})*(?:\.?[a-z])?"
    r"|[IVXL]{1,5}(?:\.\d{1,2})*"
    r"|[A-Z])"
)
#: After the code: its trailing dot or separator, then the title (or nothing).
_AFTER = r"(?:\.?\s*[:.)\-–—]\s*|\s+|$)"
#: At most three capitalised words before the code: the document's label word(s).
_LABEL_WORDS = r"(?:[^\W\d_][\w'’.]*(?:\s+[^\W\d_][\w'’]*){0,2})"
_CODED_RE = re.compile(rf"^(?:({_LABEL_WORDS})\s+)?({_CODE})(?=[\s.:)\-–—]|$){_AFTER}")
#: A code opening a cell, before its title ("1.1.1. Title", "A3 Title").
_LEAD_CODE_RE = re.compile(rf"^({_CODE}\.?)(?:\s*[:)\-–—]\s*|\s+)")
_BULLET_RE = re.compile(r"^[·•▪◦●○■□►▸‣⁃*\-–—]\s*")
#: A list letter in any script: "a)", "b.", "α)", "β)".
_LIST_LETTER_RE = re.compile(r"^([^\W\d_])[).]\s+")
#: Data, not numbering: amounts, percentages, thousands separators, dates.
_DATA_RE = re.compile(
    r"^[\s+\-–—±<>≈~]*[\d.,  \u202f]+\s*(?:%|‰|€|£|\$|eur|euro|kn|zł|lei|kr|sek|chf)?"
    r"[\s.,;:]*$",
    re.IGNORECASE,
)
#: A dotted code alone ("1.1.1."): parts of one or two digits, unlike "1.900".
_PLAIN_CODE_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:[.,  \u202f]\d{3})+(?!\d)")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d(?!\d)")
_DATE_RE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}")
#: A contents or budget line: dot leaders or a tab/wide gap before a final number.
_LEADER_RE = re.compile(
    r"(?:\.{4,}|…{2,}|\t|\s{3,})\s*[\d.,  \u202f]+\s*(?:€|eur)?\s*$"
)
#: Chronogram marks ("X", Greek capital Chi, ticks).
_MARK_RE = re.compile(r"^\s*[XxΧχ✓✔●■]\s*$")
_NULL_DASH_RE = re.compile(r"^\s*[—–\-]+\s*$")
_ARROW_RE = re.compile(r"\s*(?:→|->|=>|⇒)\s*")


@dataclass
class Code:
    text: str
    prefix: str
    #: Components: "I.1.2" → ["I", "1", "2"], "1.a" → ["1", "a"], "A12" → ["12"].
    parts: list[str]
    shape: str

    @property
    def value(self) -> int:
        return _part_value(self.parts[-1]) if self.parts else 0

    @property
    def head(self) -> str:
        """The code of the level above as the code itself says (1.2.3 → 1.2;
        M1.1 → 1; 1.a → 1), "" when it says nothing."""
        if len(self.parts) > 1:
            return ".".join(self.parts[:-1])
        return ""


def _part_value(part: str) -> int:
    if part.isdigit():
        return int(part)
    if len(part) == 1 and part.isalpha() and part.upper() not in "IVXL":
        return ord(part.lower()) - 96
    roman = roman_to_int(part)
    if roman is not None:
        return roman
    return ord(part[0].lower()) - 96 if part[:1].isalpha() else 0


def parse_code(token: str) -> Code | None:
    """The structure of a code token, None when it is not one."""
    token = token.rstrip(".")
    if not token:
        return None
    match = re.fullmatch(r"([A-Z]{1,3})(\d{1,2}(?:\.\d{1,2})*)", token)
    if match:
        parts = match.group(2).split(".")
        # The shape keeps the prefix's length, not its letters: A1, B1 under
        # areas A, B are one level.
        return Code(token, match.group(1), parts, f"P{len(match.group(1))}{len(parts)}")
    match = re.fullmatch(r"(\d{1,2}(?:\.\d{1,2})*)\.?([a-z])?", token)
    if match:
        parts = match.group(1).split(".")
        if match.group(2):
            parts.append(match.group(2))
            return Code(token, "", parts, f"N{len(parts) - 1}a")
        return Code(token, "", parts, f"N{len(parts)}")
    match = re.fullmatch(r"([IVXL]{1,5})((?:\.\d{1,2})*)", token)
    if match and roman_to_int(match.group(1)) is not None:
        parts = [match.group(1), *[p for p in match.group(2).split(".") if p]]
        return Code(token, "", parts, f"R{len(parts)}")
    if re.fullmatch(r"[A-Z]", token):
        return Code(token, "", [token], "L1")
    return None


def line_cells(line: LayoutLine) -> list[Cell] | None:
    """A table row's cells: the layout's, else the row split at "|" or tabs (a
    table turned into text keeps its separators), or at ";" when the line opens
    with a code and has at least four parts (a record per line keyed by code)."""
    if line.cells is not None:
        return line.cells
    text = line.text
    if "\t" in text:
        sep = "\t"
    elif text.count("|") >= 2 and text.lstrip().startswith("|"):
        sep = "|"
    elif text.count(";") >= 3 and parse_code(text.split(";")[0].strip().rstrip(".")):
        sep = ";"
    else:
        return None
    return _split(line, sep)


def _split(line: LayoutLine, sep: str) -> list[Cell]:
    text = line.text
    cells: list[Cell] = []
    start = 0
    for piece in text.split(sep):
        end = start + len(piece)
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        if sep == "|" and (start == 0 or end == len(text)) and not stripped:
            start = end + 1
            continue
        begin = start + lead
        cells.append(Cell(stripped, line.offsets[begin : begin + len(stripped)]))
        start = end + 1
    if sep == "|" and all(re.fullmatch(r":?-{2,}:?", c.text) for c in cells if c.text):
        return []  # the "|---|---|" rule under a header
    return cells


# ------------------------------------------------------------------ candidates


@dataclass
class Candidate:
    index: int
    line: LayoutLine
    label: str
    code: Code
    #: (begin, end) of the code in line.text; the title starts at title_at.
    code_at: tuple[int, int]
    title_at: int
    probability: float
    #: Cells when the candidate is a table row.
    cells: list[Cell] | None = None
    header: list[str] | None = None

    #: What follows a one-part code: ")" lists differ from "." headings.
    style: str = ""
    #: The first cell holds the code and the title ("1.1.1. Title").
    inline_title: bool = False
    #: The labeller's tag for the line.
    tag: str = ""

    @property
    def key(self) -> tuple[str, str]:
        # A table row and a heading line are different layouts, other keys.
        row = "|" if self.cells else ""
        return (lexicon.fold(self.label), self.code.shape + self.style + row)


def _is_data(text: str, token: str, rest: str) -> bool:
    """Numbers in data read as codes: a general fact of statistics, budgets,
    dates and chronograms, never a numbering."""
    if _THOUSANDS_RE.match(text) and not rest[:1].isalpha():
        return True
    if _YEAR_RE.match(token) or _DATE_RE.match(text):
        return True
    if _DATA_RE.match(text) and not _PLAIN_CODE_RE.match(text):
        return True
    if rest and re.match(r"^[%‰€£$]|^[\d,.]*\s*%", rest):
        return True
    if _LEADER_RE.search(text):
        return True
    # "X – –": chronogram marks, not the letter X as a code.
    return bool(re.fullmatch(r"[XxΧ](?:\s+[XxΧ–—\-])+\s*", text))


def _caseless(char: str) -> bool:
    """A letter of a script without upper and lower case (Arabic, Hebrew…)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _candidate(
    index: int, line: LayoutLine, label: Label, header: list[str] | None
) -> Candidate | None:
    text = _BULLET_RE.sub("", line.text, count=1) if line.cells is None else line.text
    shift = len(line.text) - len(text)
    cells = line_cells(line)
    if cells:
        first = cells[0].text
        token = first.rstrip(".")
        inline = None
        lead = _LEAD_CODE_RE.match(first)
        if parse_code(token) is None and lead and first[lead.end() :].strip():
            # "1.1.1. Title" in one cell: the code, then the row's title.
            token = lead.group(1).rstrip(".")
            inline = lead.end()
        code = parse_code(token)
        if code is None or _is_data(first, token, "") or len(cells) < 2:
            return None
        if header and not any(c.isalpha() for c in " ".join(x.text for x in cells[1:])):
            return None  # a row of numbers: a budget or statistics table
        begin = cells[0].offsets[0] - line.offsets[0] if cells[0].offsets else 0
        return Candidate(
            index,
            line,
            "",
            code,
            (begin, begin + len(token)),
            begin + (inline if inline is not None else len(first)),
            label.probability,
            cells,
            header,
            inline_title=inline is not None,
        )
    match = _CODED_RE.match(text)
    if not match:
        return None
    inner = _CODED_RE.match(text[match.end() :])
    if (
        inner
        and inner.group(1)
        and _leading(inner.group(1), role="level") is not None
        and (
            not match.group(1)
            or inner.group(2).split(".")[0] == match.group(2).rstrip(".")
        )
    ):
        # "4  Goal 1  Access to services": a chapter number before a level word
        # and its own code; the labelled code is the node's (the chapter's
        # number is the document's, the label's is the plan's).  "Objective 1
        # – Action 1.2": the parent's label and code before the node's.
        shift += match.end()
        text = text[match.end() :]
        match = inner
    word, token = match.group(1) or "", match.group(2)
    rest = text[match.end() :]
    if _is_data(text, token, rest):
        return None
    code = parse_code(token)
    if code is None or code.parts[0] == "0":
        return None
    # Letter-spaced titles ("P L A N") are words, not a letter code.
    if re.match(r"^[^\W\d_]\s[^\W\d_](?:\s|$)", rest):
        return None
    if word:
        # A label is a heading word: capitalised, not a sentence's start running
        # on (in a script without case, Arabic or Hebrew, any word may be one).
        if not (word[0].isupper() or _caseless(word[0])) or len(word) > 40:
            return None
        if not rest or not (
            rest[0].isupper()
            or _caseless(rest[0])
            or rest[0].isdigit()
            or rest[0] in "«\"„“'"
        ):
            if rest:
                return None
    else:
        if code.shape == "L1" and not (
            rest[:1].isupper()
            and text[1:2] in (".", ")", " ")
            and is_heading_like(rest)
        ):
            return None
        if rest and rest[0].islower() and code.shape in ("N1", "R1"):
            return None  # "3 personas …": a number opening a sentence
    if rest and not any(c.isalpha() for c in rest):
        return None
    after = text[match.end(2) : match.end(2) + 1]
    return Candidate(
        index,
        line,
        word,
        code,
        (shift + match.start(2), shift + match.start(2) + len(token.rstrip("."))),
        shift + match.end(),
        label.probability,
        style=")" if after == ")" and len(code.parts) == 1 else "",
    )


# ------------------------------------------------------------------ fallback labels


def fallback_labels(layout: Layout, language: str) -> list[Label]:
    """Line labels until the learned labeller exists: a coded line is a node,
    a leading field label a field, an audience heading an audience; probabilities
    are modest so that the tree's constraints weigh more."""
    labels = []
    for line in layout.lines:
        text = line.text
        if line.furniture:
            labels.append(Label("furniture", 0.9))
            continue
        level = _leading(text, role="level", language=language)
        field_hit = _leading(text, role="field", language=language)
        if _CODED_RE.match(_BULLET_RE.sub("", text, count=1)) or (
            line_cells(line)
            and parse_code(line_cells(line)[0].text.rstrip(".")) is not None  # type: ignore[index]
        ):
            tag = level.value if level and level.value != "indicator" else "measure"
            labels.append(Label(tag, 0.7 if level else 0.55))
        elif field_hit:
            labels.append(Label("field", 0.6))
        elif _leading(text, role="audience", language=language):
            labels.append(Label("audience", 0.6))
        elif _DATA_RE.match(text):
            labels.append(Label("data", 0.8))
        else:
            labels.append(Label("text", 0.5))
    return labels


# ------------------------------------------------------------------ scheme


def _infer_chain(cands: list[Candidate]) -> list[tuple[str, str]]:
    """The document's numbering scheme, top level first.  Each repeated key is
    tried as the leaves, the keys their parents have are found upwards, and the
    chain that covers most lines with most levels wins: a numbering scheme is
    the one most lines of the document follow, nested."""
    counts: dict[tuple[str, str], int] = {}
    for cand in cands:
        counts[cand.key] = counts.get(cand.key, 0) + 1
    repeated = [k for k, n in counts.items() if n >= 2]
    if not repeated:
        nested = _nested_chain(cands)
        if nested:
            return nested
        return [max(counts, key=lambda k: counts[k])] if counts else []
    index = _code_index(cands)
    best: tuple[int, list[tuple[str, str]]] | None = None
    for leaf in sorted(repeated, key=lambda k: -counts[k])[:12]:
        chain = [leaf]
        while len(chain) < 4:
            parent = _parent_key(cands, chain, index)
            if parent is None:
                break
            chain.append(parent)
        score = sum(counts[k] for k in chain) * len(chain)
        if best is None or score > best[0]:
            best = (score, chain)
    return list(reversed(best[1])) if best else []


def _nested_chain(cands: list[Candidate]) -> list[tuple[str, str]]:
    """The scheme of a short outline where no level repeats (one area, one
    objective, one measure): each dotted code names its parent (1.1.1 under
    1.1 under 1), so a run of codes each naming the one before it is the
    chain, top level first.  [] when the codes do not nest so."""
    best: list[Candidate] = []
    for start, first in enumerate(cands):
        if first.code.head:
            continue
        chain = [first]
        for cand in cands[start + 1 :]:
            if not _same_code(cand.code.head, chain[-1].code.text):
                break
            chain.append(cand)
        if len(chain) > len(best):
            best = chain
    if len(best) < 2:
        return []
    return [c.key for c in best][:4]


def _code_index(cands: list[Candidate]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for pos, cand in enumerate(cands):
        index.setdefault(cand.code.text.rstrip(".").lower(), []).append(pos)
    return index


def _depth_of(key: tuple[str, str]) -> int:
    digits = re.findall(r"\d", key[1])
    return int(digits[-1]) if digits else 1


def _parent_key(
    cands: list[Candidate],
    chain: list[tuple[str, str]],
    index: dict[str, list[int]],
) -> tuple[str, str] | None:
    """The key of the level above ``chain[-1]``: by code agreement (1.2 for 1.2.3,
    1 for M1.1) or, for codes that say nothing of their parent, the key standing
    between consecutive runs of it.  Two lines at least must vote for it, and it
    must have most of the votes: one stray heading is not a level."""
    child = chain[-1]
    # A level repeats: a key seen on one line only (a date, a stray heading)
    # takes no vote.
    counts: dict[tuple[str, str], int] = {}
    for cand in cands:
        counts[cand.key] = counts.get(cand.key, 0) + 1
    single = {k for k, n in counts.items() if n < 2}
    votes: dict[tuple[str, str], set[int]] = {}
    total = 0
    last_child = -1
    for pos, cand in enumerate(cands):
        if cand.key != child:
            continue
        heads = [cand.code.head] if cand.code.head else []
        if cand.code.prefix:
            # A glued prefix may be the parent's code (A1 under A), or the
            # number after it (M1.1 under 1).
            heads.append(cand.code.prefix)
            if len(cand.code.parts) > 1:
                heads.append(cand.code.parts[0])
        found = None
        for head in heads:
            found = next(
                (
                    cands[at]
                    for at in reversed(index.get(head.lower(), []))
                    if at < pos
                    and cands[at].key not in chain
                    and cands[at].key not in single
                ),
                None,
            )
            if found is not None:
                break
        if found is None:
            between = [
                c
                for c in cands[last_child + 1 : pos]
                if c.key not in chain and c.key not in single
            ]
            found = between[-1] if between else None
        last_child = pos
        if found is not None:
            total += 1
            votes.setdefault(found.key, set()).add(found.index)
    if not votes:
        return None
    best = max(votes, key=lambda k: len(votes[k]))
    # A level above is not one whose codes hang under this level's codes
    # (O1.1 under PRIORITY 1 is below it, whatever the order of the lines).
    if _hangs_under(cands, best, child):
        return None
    # A level above has no more headings than the level below (each heading
    # has children): lines of the parent key ≤ lines of the child key.
    if _count(cands, best) > _count(cands, child):
        return None
    if len(votes[best]) >= 2 and len(votes[best]) * 2 > len(
        {i for v in votes.values() for i in v}
    ):
        return best
    return None


def _count(cands: list[Candidate], key: tuple[str, str]) -> int:
    return sum(1 for c in cands if c.key == key)


def _hangs_under(
    cands: list[Candidate], key: tuple[str, str], other: tuple[str, str]
) -> bool:
    """Whether most codes of ``key`` name a code of ``other`` as their head."""
    codes = {c.code.text.rstrip(".").lower() for c in cands if c.key == other}
    mine = [c.code for c in cands if c.key == key]
    under = sum(
        1
        for code in mine
        if code.head.lower() in codes
        or (code.prefix and len(code.parts) > 1 and code.parts[0] in codes)
    )
    return under * 2 > len(mine)


def _ck(code: str) -> str:
    """A code as compared: case and trailing dot ignored."""
    return code.rstrip(".").lower()


def _same_code(a: str, b: str) -> bool:
    return _ck(a) == _ck(b)


# ------------------------------------------------------------------ building


@dataclass
class _Node:
    draft: NodeDraft
    level: int
    cand: Candidate
    children: int = 0
    indicators: list[IndicatorDraft] = field(default_factory=list)
    #: How well the code agrees with its place (parent, siblings), without the
    #: labeller's belief: the constraints' own evidence.
    agree: float = 1.0


@dataclass
class _Plan:
    nodes: list[_Node] = field(default_factory=list)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    recommendations: list[RecommendationDraft] = field(default_factory=list)
    title: str = ""
    title_span: Span | None = None
    start: int = 0
    end: int = 0
    #: Indexes that keep placing linear: nodes by code, the top level, the
    #: last child under each (level, parent code).
    by_code: dict[str, list[_Node]] = field(default_factory=dict)
    top: list[_Node] = field(default_factory=list)
    last: dict[tuple[int, str | None], _Node] = field(default_factory=dict)
    deep: bool = False

    def add(self, node: _Node) -> None:
        self.nodes.append(node)
        self.by_code.setdefault(_ck(node.draft.code), []).append(node)
        if node.level == 0:
            self.top.append(node)
        else:
            self.deep = True
        self.last[(node.level, node.draft.parent)] = node

    def remove(self, node: _Node) -> None:
        self.nodes.remove(node)
        self.by_code[_ck(node.draft.code)].remove(node)
        if node in self.top:
            self.top.remove(node)

    def with_code(self, code: str) -> list[_Node]:
        return self.by_code.get(_ck(code), [])


KINDS = {
    1: ["measure"],
    2: ["area", "measure"],
    3: ["area", "objective", "measure"],
    4: ["area", "objective", "objective", "measure"],
}


def build(
    layout: Layout, labels: list[Any] | None, language: str
) -> tuple[list[PlanDraft], list[RecommendationDraft], list[UnplacedLine]]:
    """The plans of ``layout`` (see the module's docstring)."""
    lines = layout.lines
    _continue_outline(lines)
    _described_runs(lines, language)
    if not any(
        line.section in ("action_plan", "annex") and _is_titled_node(line)
        for line in lines
    ):
        # The section step found no action part holding a coded line (or did
        # not run): a plan has one, so its roles are not trusted and every line
        # may feed the tree.
        # Only back matter found after the outline began is kept: a glossary,
        # a legal framework or a list of addresses follows a plan, it is none
        # of its nodes.
        begun = False
        for line in lines:
            begun = begun or _is_coded(line)
            if line.section == "recommendations":
                continue
            if not (begun and line.section in BACK_MATTER):
                line.section = ""
    guesses = (
        [as_label(x) for x in labels] if labels else fallback_labels(layout, language)
    )
    if len(guesses) != len(lines):
        guesses = fallback_labels(layout, language)
    cands = _candidates(lines, guesses)
    plans: list[_Plan] = []
    used: set[int] = set()
    remaining = cands
    while remaining:
        chain = _infer_chain(remaining)
        if not chain:
            break
        built = _place(remaining, chain, lines, language)
        # A plan after the first needs a tree of its own: a few nodes with
        # parents, not a stray list of steps left over.
        built = [
            p
            for p in built
            if p.nodes
            and _coherent(p, plans)
            and (not plans or _titled(p, plans, lines, language))
        ]
        if not built:
            break
        plans.extend(built)
        last = max(n.cand.index for p in built for n in p.nodes)
        for p in built:
            used.update(n.cand.index for n in p.nodes)
        # What comes after the last placed node may be another plan with its own
        # scheme (an annex plan numbered otherwise).
        remaining = [c for c in remaining if c.index > last]
        if len(remaining) < 2:
            break
    plans.sort(key=lambda p: p.start)
    for plan, nxt in zip(plans, [*plans[1:], None], strict=False):
        plan.end = nxt.start if nxt else len(lines)
    for plan in plans:
        _fields_and_indicators(plan, lines, guesses, language)
    _indicator_tables(plans, lines, language)
    _indicator_records(plans, lines, language)
    loose = _recommendations(plans, lines, guesses, language)
    unplaced = _unplaced(plans, cands, used, lines, guesses)
    drafts = [_finish(plan, lines, layout) for plan in plans]
    return drafts, loose, unplaced


def _is_coded(line: LayoutLine) -> bool:
    """Whether a line opens with a code the tree would read ("A welcome desk"
    opens with a word, not with the letter code A)."""
    return _candidate(0, line, Label("text"), None) is not None


def _continue_outline(lines: list[LayoutLine]) -> None:
    """A run of lines the section step gave another role is still action part
    when its first coded line continues the outline of the action part before
    it (2 after 1, 2.6.3 under a 2.6 already seen): a numbering runs on across
    a heading the section step misread, while back matter numbers afresh."""
    seen: set[str] = set()
    top: dict[str, int] = {}  # top-level code shape → highest value seen
    i = 0
    while i < len(lines):
        role = lines[i].section
        j = i
        while j < len(lines) and lines[j].section == role:
            j += 1
        run = lines[i:j]
        if role not in ("action_plan", "annex"):
            first = next(
                (c for c in (_candidate(0, x, Label("text"), None) for x in run) if c),
                None,
            )
            if (
                first is None
                or role == "recommendations"
                or not seen
                or not _continues_codes(first.code, seen, top)
            ):
                if first is not None:
                    seen, top = set(), {}
                i = j
                continue
            for line in run:
                line.section = "action_plan"
        for line in run:
            cand = _candidate(0, line, Label("text"), None)
            if cand is None:
                continue
            seen.add(_ck(cand.code.text))
            if not cand.code.head:
                shape = cand.code.shape
                top[shape] = max(top.get(shape, 0), cand.code.value)
        i = j


#: The fields that describe a measure in a record under it.
_MEASURE_FIELDS = frozenset({"responsible", "time_frame", "budget", "partners"})


def _described_runs(lines: list[LayoutLine], language: str) -> None:
    """A run of lines the section step gave another role is action part when
    three coded lines in it or more each carry a record of a measure's fields
    (a lead, a time frame, a budget) on their line or the lines below: a cover,
    a diagnosis or a method numbers its paragraphs, it does not give them
    leads and budgets.  Running heads and page numbers between do not cut a
    run."""
    i = 0
    while i < len(lines):
        role = lines[i].section
        j = i
        while j < len(lines) and (lines[j].section == role or lines[j].furniture):
            j += 1
        if role in NOT_TREE and role not in ("recommendations", "contents"):
            coded = [k for k in range(i, j) if _is_coded(lines[k])]
            described: list[int] = []
            for k, nxt in zip(coded, [*coded[1:], j], strict=False):
                names = {
                    _field_of(lines[m].text[b:e], language)
                    for m in range(k, min(nxt, k + 5))
                    for b, e in _field_pieces(lines[m].text, 0, language)
                    if ":" in lines[m].text[b:e]
                }
                if names & _MEASURE_FIELDS:
                    described.append(k)
            if len(described) >= 3:
                # The outline holding the records starts at the last first
                # top-level code before them ("1." / "I." / "A."): the numbered
                # paragraphs of a foreword before it stay what they were.
                start = i
                for k in coded:
                    if k > described[0]:
                        break
                    code = _candidate(0, lines[k], Label("text"), None)
                    if code is not None and not code.code.head and code.code.value == 1:
                        start = k
                for line in lines[start:j]:
                    if not line.furniture:
                        line.section = "action_plan"
        i = j


def _continues_codes(code: Code, seen: set[str], top: dict[str, int]) -> bool:
    if code.head:
        return _ck(code.head) in seen
    return top.get(code.shape, -1) + 1 == code.value


def _is_titled_node(line: LayoutLine) -> bool:
    """Whether a line is a code followed by a title ("1.2 Job coaching"); a
    section's own numbered heading ("Annex 3") has no title after its code."""
    cand = _candidate(0, line, Label("text"), None)
    return cand is not None and bool(line.text[cand.title_at :].strip())


def _coherent(plan: _Plan, earlier: list[_Plan]) -> bool:
    """Whether a tree is a plan: most dotted codes agree with their parents; a
    plan after the first has a tree of its own (a few nodes with parents, not a
    list of steps left over) and does not repeat the codes of an earlier plan's
    measures (an annex table keyed by them)."""
    dotted = [n for n in plan.nodes if n.level > 0 and n.cand.code.head]
    # The codes' agreement alone: the labeller's doubt about a line lowers its
    # confidence, but a numbering that nests is a tree whatever a line's label.
    agreeing = [n for n in dotted if n.agree >= 0.6]
    if dotted and len(agreeing) * 2 < len(dotted):
        return False
    if not earlier:
        return True
    if len(plan.nodes) < 3 or not any(n.level > 0 for n in plan.nodes):
        return False
    before = {n.draft.code.lower() for p in earlier for n in p.nodes if n.level > 0}
    leaves = [n for n in plan.nodes if n.level > 0]
    repeated = sum(1 for n in leaves if n.draft.code.lower() in before)
    return repeated * 2 < len(leaves)


def _titled(
    plan: _Plan, earlier: list[_Plan], lines: list[LayoutLine], language: str
) -> bool:
    """A plan after another starts under a title naming a plan (the lexicon's
    plan words: "Action plan", "Handlingsplan", "Akcijski načrt"…), between the
    end of the earlier tree and its own first node: a report or a letter after a
    plan may be numbered too, it is no plan."""
    after = max(n.cand.index for p in earlier for n in p.nodes)
    for line in lines[after + 1 : plan.nodes[0].cand.index]:
        if line.furniture or len(line.text) > 160:
            continue
        if any(h.value == "plan" for h in _find(line.text, "genre", language)):
            return True
        if _compound_plan_word(line.text, language):
            return True
    return False


def _compound_plan_word(text: str, language: str) -> bool:
    """Whether a word of ``text`` is a compound ending in a plan word of the
    language ("Wijkactieplan", "Stadtteilaktionsplan", "Kommunhandlingsplan"):
    Dutch, German and Swedish write compounds as one word."""
    words = [lexicon.fold(w) for w in re.findall(r"[^\W\d_]{8,}", text)]
    if not words:
        return False
    ends = [
        lexicon.fold(t)
        for t in lexicon.terms("genre", "plan", language)
        if " " not in t and len(t) >= 5 and not t.startswith("*")
    ]
    return any(w != e and w.endswith(e) for w in words for e in ends)


def _candidates(lines: list[LayoutLine], guesses: list[Label]) -> list[Candidate]:
    """The coded lines that may be nodes.  A table row whose code was already
    seen on an earlier line describes that node (an indicator, budget or
    monitoring table keyed by code): it is not a candidate."""
    found: list[Candidate] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.furniture or line.section in NOT_TREE:
            continue
        if guesses[i].tag in ("data", "furniture") and guesses[i].probability > 0.8:
            continue
        cells = line_cells(line)
        head = None
        if cells is not None:
            if not cells:
                continue  # a rule under a header
            head = table_header(lines, i)
            if [c.text for c in cells] == head:
                continue  # a header repeated after a page break
            # A row without a header above is still a row when it holds a
            # code (a header names columns, it holds no code).
        cand = _candidate(i, line, guesses[i], head)
        if cand is None:
            continue
        if cand.cells is None and not line.text[cand.title_at :].strip():
            # A code alone on its line takes the next line as its title; with
            # no such line it is no node.
            nxt = i + 1
            while nxt < len(lines) and lines[nxt].furniture:
                nxt += 1
            if nxt >= len(lines) or _is_coded(lines[nxt]):
                continue
        cand.tag = guesses[i].tag
        code = cand.code.text.lower()
        if cand.cells and code in seen:
            continue
        seen.add(code)
        found.append(cand)
    return found


def table_header(lines: list[LayoutLine], i: int) -> list[str] | None:
    """The header row of the table row ``lines[i]``: the nearest row above it
    that names columns rather than holding a code (a header has no code), past
    the rows, rules, furniture and short group headings between them.  None
    when there is none (the row is itself a header, or stands alone)."""
    j = i - 1
    while j >= 0 and i - j < 200:
        prev = lines[j]
        cells = line_cells(prev)
        j -= 1
        if prev.furniture or cells == []:
            continue
        if cells is None:
            row = lines[i].text
            if ";" in row and prev.text.count(";") == row.count(";"):
                # "Each line gives: action; indicator; baseline": the columns
                # of the records below.
                return [c.text for c in _split(prev, ";")]
            if len(prev.text.split()) <= 8 and not prev.text.rstrip().endswith("."):
                continue  # a group heading between the rows ("B Work and skills")
            return _earlier_header(lines, i)
        if parse_code(cells[0].text.rstrip(".")) is not None:
            continue
        if any(":" in c.text for c in cells[1:]) and _record_cells(prev, None):
            continue  # "Lead: A | Cost: B": a record's values, not a header
        return [c.text for c in cells]
    return _earlier_header(lines, i)


def _earlier_header(lines: list[LayoutLine], i: int) -> list[str] | None:
    """A table printed in pieces under successive headings repeats its header
    once: a row without a header of its own takes the nearest earlier header
    row with as many cells that names fields (lexicon role "field")."""
    row = line_cells(lines[i])
    if not row:
        return None
    for prev in reversed(lines[max(0, i - 400) : i]):
        cells = line_cells(prev)
        if not cells or len(cells) != len(row):
            continue
        if parse_code(cells[0].text.rstrip(".")) is not None:
            continue
        named = [c.text for c in cells if _leading(c.text, role="field")]
        if len(named) >= 2:
            return [c.text for c in cells]
    return None


def _place(
    cands: list[Candidate],
    chain: list[tuple[str, str]],
    lines: list[LayoutLine],
    language: str,
) -> list[_Plan]:
    kinds = KINDS.get(len(chain), KINDS[4])
    levels = {key: i for i, key in enumerate(chain)}
    plans: list[_Plan] = [_Plan()]
    stack: list[_Node | None] = [None] * len(chain)
    for cand in cands:
        level = levels.get(cand.key)
        if level is None:
            continue
        plan = plans[-1]
        # A later table keyed by the codes of nodes already placed (indicators,
        # budget) describes them; it adds no node.
        if cand.cells and plan.with_code(cand.code.text):
            continue
        top = plan.top
        # Numbering starting again at the top after a finished tree: another plan.
        if (
            level == 0
            and top
            and cand.code.value <= _value(top[-1])
            and plan.deep
            and not any(
                n.children == 0 and n.level == 0 for n in plan.with_code(cand.code.text)
            )
        ):
            if len(chain) > 1 or cand.code.value == 1:
                plans.append(_Plan())
                plan = plans[-1]
                stack = [None] * len(chain)
        parent = _parent_for(cand, level, stack, plan)
        agree = 1.0
        if level > 0 and parent is None:
            continue  # a child with no parent in the plan: not part of this tree
        if parent is not None and cand.code.head:
            agree = 1.0 if _code_agrees(cand, parent) else 0.7
        parent_code = parent.draft.code if parent else None
        sibling = plan.last.get((level, parent_code))
        if sibling is not None:
            step = cand.code.value - _value(sibling)
            if step <= 0:
                agree *= 0.6
            elif step > 1:
                agree *= 0.9  # a skipped number is kept as printed
        # An overview entry repeated as a heading: the heading replaces it.
        dup = next(
            (
                n
                for n in plan.with_code(cand.code.text)
                if n.level == level
                and n.children == 0
                and n.draft.parent == parent_code
            ),
            None,
        )
        if dup is not None:
            plan.remove(dup)
        draft = _node_draft(cand, kinds[min(level, len(kinds) - 1)], parent, lines)
        draft.confidence = _confidence(cand, agree)
        node = _Node(draft, level, cand, agree=agree)
        if parent is not None:
            parent.children += 1
        plan.add(node)
        if not plan.start and len(plan.nodes) == 1:
            plan.start = cand.index
        stack[level] = node
        for deeper in range(level + 1, len(stack)):
            stack[deeper] = None
    for plan in plans:
        if plan.nodes:
            plan.start = plan.nodes[0].cand.index
    return plans


_NODE_TAGS = ("area", "objective", "measure")


def _confidence(cand: Candidate, agree: float) -> float:
    """The labeller's belief that the line is a node (its probability when it
    says so, the rest when it says otherwise) times the constraints' agreement;
    the tree's own evidence weighs half, so a labeller's doubt lowers but never
    zeroes a node that the scheme supports."""
    belief = cand.probability if cand.tag in _NODE_TAGS else 1 - cand.probability
    return round(min(1.0, max(0.05, (0.5 + belief / 2) * agree)), 2)


def _value(node: _Node) -> int:
    return node.cand.code.value


def _code_agrees(cand: Candidate, parent: _Node) -> bool:
    head = cand.code.head
    pcode = parent.draft.code
    if _same_code(head, pcode):
        return True
    if cand.code.prefix and (
        _same_code(cand.code.prefix, pcode) or _same_code(cand.code.parts[0], pcode)
    ):
        return True
    return False


def _parent_for(
    cand: Candidate, level: int, stack: list[_Node | None], plan: _Plan
) -> _Node | None:
    if level == 0:
        return None
    # A table row may name its parent in a cell (a measure row's objective code).
    if cand.cells:
        for cell in cand.cells[1:3]:
            for node in reversed(plan.with_code(cell.text)):
                if node.level == level - 1:
                    return node
    # A code that says its parent is believed first (1.2.3 under 1.2, M1.1
    # under 1, A1 under A).
    heads = [cand.code.head] if cand.code.head else []
    if cand.code.prefix:
        heads += [cand.code.prefix, cand.code.parts[0]]
    for head in heads:
        for node in reversed(plan.with_code(head)):
            if node.level == level - 1 and _code_agrees(cand, node):
                return node
    for up in range(level - 1, -1, -1):
        if stack[up] is not None:
            return stack[up] if up == level - 1 else None
    return None


def _node_draft(
    cand: Candidate, kind: str, parent: _Node | None, lines: list[LayoutLine]
) -> NodeDraft:
    line = cand.line
    code = cand.code.text
    spans: dict[str, Span] = {"code": line.span(*cand.code_at)}
    if cand.cells and cand.inline_title:
        first = cand.cells[0]
        at = cand.title_at - (first.offsets[0] - line.offsets[0])
        title = first.text[at:].strip()
        spans["title"] = first.span(at, at + len(title))
    elif cand.cells:
        title_cell = _title_cell(cand)
        title = title_cell.text if title_cell else ""
        if title_cell is not None:
            spans["title"] = title_cell.span()
    else:
        raw = line.text[cand.title_at :]
        title = raw.strip().rstrip(":").strip()
        lead = cand.title_at + (len(raw) - len(raw.lstrip()))
        if not title:
            # A code alone on its line: the title is the next line.
            nxt = lines[cand.index + 1] if cand.index + 1 < len(lines) else None
            if nxt is not None and not _is_coded(nxt):
                title = nxt.text.strip()
                spans["title"] = nxt.span()
        else:
            spans["title"] = line.span(lead, lead + len(title))
    return NodeDraft(
        code=code,
        kind=kind,
        title=title,
        parent=parent.draft.code if parent else None,
        spans=spans,
    )


def _title_cell(cand: Candidate) -> Cell | None:
    """The row's title: the cell under a title-like header, else the first cell
    with letters after the code whose column is no other field (lead, partners,
    budget…): a measure table names the measure right after its code."""
    cells = cand.cells or []
    header = cand.header or []
    names = [_field_of(name, "") for name in header]
    for i, name in enumerate(names):
        if name in ("title", "description") and i < len(cells) and cells[i].text:
            return cells[i]
    for i, cell in enumerate(cells[1:], start=1):
        if i < len(names) and names[i] not in (None, "title", "description"):
            continue
        if (
            any(ch.isalpha() for ch in cell.text)
            and parse_code(cell.text.rstrip(".")) is None
        ):
            return cell
    return None


# ------------------------------------------------------------------ fields


#: Separators between the fields of a record printed on one line: " | ", " · ",
#: tabs, "; " ("Lead: A | Timeframe: 2026 · Cost: €5,000").  A line may also end
#: on one ("Lead: A |"), the record going on below.
_FIELD_SEP_RE = re.compile(r"\s+[·|]\s+|\s*\t\s*|;\s+|\s+[·|]\s*$")


def _field_pieces(text: str, start: int, language: str) -> list[tuple[int, int]]:
    """``text[start:]`` cut into (begin, end) pieces at field separators, a cut
    kept only where the piece after it opens with a field label: "A; B" (a joint
    lead) or "1 | 2" in a value stays one piece.  The first piece may have no
    label (a value wrapped from the line above, or a title)."""
    cuts: list[tuple[int, int]] = []
    for m in _FIELD_SEP_RE.finditer(text, start):
        if m.end() == len(text) or _labelled_piece(text[m.end() :], m, language):
            cuts.append((m.start(), m.end()))
    pieces: list[tuple[int, int]] = []
    at = start
    for begin, end in cuts:
        if begin > at:
            pieces.append((at, begin))
        at = end
    if at < len(text):
        pieces.append((at, len(text)))
    return pieces


def _labelled_piece(rest: str, sep: re.Match[str], language: str) -> bool:
    """Whether ``rest`` opens a field after separator ``sep``; after "; " only
    a label with its colon ("…; Partners: B"), as prose uses ";" too."""
    hit = _leading(rest, role="field", language=language)
    if hit is None:
        return False
    if ";" in sep.group(0):
        return rest[hit.end :].lstrip().startswith(":")
    return True


def _inline_fields_at(line: LayoutLine, at: int, language: str) -> int | None:
    """Where the fields start on a node's own line ("1.1.1 Title | Lead: A |
    Timeframe: 2026"): the first separator followed by a field label after the
    title, or None."""
    for m in _FIELD_SEP_RE.finditer(line.text, at):
        if m.start() <= at:
            continue
        if _labelled_piece(line.text[m.end() :], m, language):
            return m.start()
    return None


def _field_of(label: str, language: str) -> str | None:
    hit = _leading(label, role="field", language=language)
    if hit is None:
        return None
    return hit.value


def _qualified_field(text: str, language: str) -> str | None:
    """The field of a "Label: value" line whose short label ends with a field
    word after a qualifier ("Indicative cost:", "Estimated timeline:",
    "Geplante Kosten:"): the field word closes the label."""
    colon = text.find(":")
    if colon <= 0:
        return None
    label = text[:colon].strip()
    if not label or len(label.split()) > 4 or any(ch.isdigit() for ch in label):
        return None
    for hit in _find(label, role="field", language=language):
        if hit.end >= len(label) and hit.start > 0:
            return hit.value
    return None


def _is_null(value: str, language: str) -> bool:
    value = value.strip().rstrip(".")
    if not value or _NULL_DASH_RE.match(value):
        return True
    return any(
        h.start == 0 and h.end >= len(lexicon.fold(value).rstrip("."))
        for h in _find(value, role="null", language=language)
    )


def _set_field(
    node: NodeDraft, name: str, value: str, span: Span, language: str
) -> None:
    value = value.strip()
    if name == "responsible":
        if _is_null(value, language):
            return
        # "A; B" (the Arabic semicolon "؛" too): a joint lead.
        parts = [p.strip() for p in re.split(r"[;؛]", value) if p.strip()]
        node.responsible.extend(parts)
        node.spans.setdefault("responsible", span)
    elif name in ("time_frame", "budget"):
        if getattr(node, name) is None and not _is_null(value, language):
            setattr(node, name, value)
            node.spans[name] = span


def _record_cells(line: LayoutLine, language: str | None) -> bool:
    """Whether a row of cells (split at tabs or bars) is a record's fields, each
    cell after the first "Label: value" ("Lead: A<TAB>Timeframe: 2026"), not a
    table row; the first cell may be a title or a value wrapped from above."""
    cells = [c.text for c in line_cells(line) or [] if c.text]
    return len(cells) >= 2 and all(
        ":" in c and _field_of(c.split(":", 1)[0], language or "") for c in cells[1:]
    )


def _extend_field(
    node: NodeDraft, name: str, more: str, span: Span, language: str
) -> None:
    """A field's value wrapped onto the next line: joined to what was read."""
    more = more.strip()
    if not more or name not in ("responsible", "time_frame", "budget"):
        return
    if name not in node.spans:  # the label ended the line above, its value is here
        _set_field(node, name, more, span, language)
        return
    if name == "responsible" and node.responsible:
        node.responsible[-1] = f"{node.responsible[-1]} {more}"
    elif name in ("time_frame", "budget") and getattr(node, name):
        setattr(node, name, f"{getattr(node, name)} {more}")
    else:
        return
    node.spans[name] = (node.spans[name][0], span[1])


def _fields_and_indicators(
    plan: _Plan, lines: list[LayoutLine], guesses: list[Label], language: str
) -> None:
    """Fields and inline indicators of each node: the lines up to the next node."""
    starts = [n.cand.index for n in plan.nodes] + [plan.end]
    codes = {_ck(n.draft.code) for n in plan.nodes if n.draft.kind == "measure"}
    for node, end in zip(plan.nodes, starts[1:], strict=True):
        # A line keyed by another measure's code ("Action: 1.1.2") opens that
        # measure's record elsewhere (a monitoring annex): this node ends there.
        for k in range(node.cand.index + 1, end):
            key = _keyed_code(lines[k], codes)
            if key is not None and key != _ck(node.draft.code):
                end = k
                break
        if node.cand.cells and not _record_cells(node.cand.line, language):
            _row_fields(node, language)
        text_parts: list[str] = []
        text_span: list[int] = []
        pending: str | None = None  # a label alone on its line: the value is below
        i = node.cand.index + 1
        if (
            node.draft.spans.get("title")
            and node.draft.spans["title"][0] >= lines[node.cand.index].end
        ):
            i += 1
        if _values_before_labels(lines, i, end, language):
            _fields_after_values(node, lines, i, end, language)
            continue
        # Fields printed on the node's own line after its title, separated
        # like a one-line record ("1.1.1 Title | Lead: A | Cost: €5,000"): the
        # title stops at the first separator, the fields are read from there.
        from_at = 0
        own = lines[node.cand.index]
        if node.cand.cells and node.cand.inline_title and _record_cells(own, language):
            # "1.1.1 Title | Lead: A |" split into cells: a record, not a row.
            i = node.cand.index
            from_at = node.cand.cells[1].offsets[0] - own.offsets[0]
        elif not node.cand.cells and "title" in node.draft.spans:
            own = lines[node.cand.index]
            cut = _inline_fields_at(own, node.cand.title_at, language)
            if cut is not None:
                title = own.text[node.cand.title_at : cut].strip().rstrip(":").strip()
                if title:
                    lead = own.text.find(title, node.cand.title_at)
                    node.draft.title = title
                    node.draft.spans["title"] = own.span(lead, lead + len(title))
                i = node.cand.index
                from_at = cut
        # The field whose value may go on below, when a line ends inside it
        # (not on a separator): "Lead: Public | Library" wraps "Library".
        open_field: str | None = None
        while i < end:
            line = lines[i]
            i += 1
            if line.furniture or line.section in NOT_TREE:
                open_field = None
                continue
            if line_cells(line) is not None and not _record_cells(line, language):
                open_field = None
                continue
            text = _BULLET_RE.sub("", line.text[from_at:], count=1)
            shift = len(line.text) - len(text)
            from_at = 0
            spans_ = _field_pieces(line.text, shift, language)
            pieces = [line.text[b:e] for b, e in spans_]
            if (
                open_field
                and len(pieces) > 1
                and not line.blank_before
                and ":" not in pieces[0]
            ):
                # The first piece wraps the value left open on the line above
                # (no colon: the record's labels carry one, so "Town Council"
                # is a value, not the label "town").
                _extend_field(
                    node.draft, open_field, pieces[0], line.span(*spans_[0]), language
                )
                spans_, pieces = spans_[1:], pieces[1:]
                pending = None
            open_field = None
            placed = False
            for (at, piece_end), piece in zip(spans_, pieces, strict=True):
                name = _field_of(piece, language) or _qualified_field(piece, language)
                if name is None:
                    continue
                colon = piece.find(":")
                hit = _leading(piece, role="field", language=language)
                value_at = colon + 1 if colon >= 0 else (hit.end if hit else len(piece))
                value = piece[value_at:].strip()
                if name == "indicator":
                    ind_end = _indicator(
                        node, plan, lines, i - 1, at + value_at, end, language
                    )
                    i = max(i, ind_end)
                    placed = True
                    break
                if not value:
                    pending = name
                    placed = True
                    open_field = name if piece_end == len(line.text) else None
                    continue
                begin = (
                    at
                    + value_at
                    + (len(piece[value_at:]) - len(piece[value_at:].lstrip()))
                )
                # The value may wrap onto the next lines (no label, no blank).
                span = line.span(begin, begin + len(value))
                while i < end and _continues(value, lines[i], language):
                    last = value.rstrip().rsplit(" ", 1)[-1]
                    if (
                        name == "responsible"
                        and last.isalpha()
                        and lines[i].text[:1].isupper()
                    ):
                        # "A and" / "B": the connector joined two bodies.
                        value = value.rstrip()[: -len(last)].rstrip() + ";"
                    value = value + " " + lines[i].text
                    span = (span[0], lines[i].end)
                    i += 1
                _set_field(node.draft, name, value, span, language)
                placed = True
                # A value that ends the line unseparated may wrap below.
                open_field = name if piece_end == len(line.text) else None
            if placed:
                continue
            if pending:
                _set_field(node.draft, pending, text, line.span(shift), language)
                pending = None
                continue
            if node.level == 0 or not text_parts or not line.blank_before:
                text_parts.append(text)
                text_span[:] = [text_span[0] if text_span else line.start, line.end]
        if text_parts and not node.cand.cells:
            node.draft.text = " ".join(text_parts).strip()[:2000]
            node.draft.spans["text"] = (text_span[0], text_span[1])


def _continues(value: str, line: LayoutLine, language: str) -> bool:
    """Whether ``line`` wraps the field value above it: no blank line between,
    no label, no code, and the value stops on a comma or a short connecting
    word ("and", "y", "și"), as a wrapped list of bodies does."""
    if line.blank_before or line.furniture or line_cells(line) is not None:
        return False
    if _field_of(line.text, language) is not None or _CODED_RE.match(line.text):
        return False
    if len(_field_pieces(line.text, 0, language)) > 1:
        return False  # the record's next fields: the wrapped piece is joined there
    last = value.rstrip().rsplit(" ", 1)[-1]
    return value.rstrip().endswith(",") or (last.islower() and len(last) <= 3)


def _label_alone(line: LayoutLine, language: str) -> str | None:
    """The field a line names when it is only a label ("Responsable",
    "Buget estimat:", "Cost (EUR)")."""
    hit = _leading(line.text, role="field", language=language)
    if hit is None:
        return None
    rest = re.sub(r"\([^)]*\)", "", line.text[hit.end :]).strip(" :.-–")
    return hit.value if not rest else None


def _values_before_labels(
    lines: list[LayoutLine], begin: int, end: int, language: str
) -> bool:
    """Whether a record prints each value before its label: its last line is a
    label alone, and it has two labels alone at least (a record printing labels
    above values ends on a value)."""
    content = [
        line
        for line in lines[begin:end]
        if not line.furniture and line_cells(line) is None
    ]
    alone = [line for line in content if _label_alone(line, language)]
    return (
        len(alone) >= 2
        and bool(content)
        and _label_alone(content[-1], language) is not None
    )


def _fields_after_values(
    node: _Node, lines: list[LayoutLine], begin: int, end: int, language: str
) -> None:
    """A record whose values come first, each followed by its label."""
    value: LayoutLine | None = None
    for line in lines[begin:end]:
        if line.furniture or line_cells(line) is not None:
            continue
        name = _label_alone(line, language)
        if name is None:
            value = line
            continue
        if value is not None:
            _set_field(node.draft, name, value.text, value.span(), language)
        value = None


def _row_fields(node: _Node, language: str) -> None:
    """A measure row: the other cells by the header row's labels; chronogram
    columns (years marked with X) give the time frame."""
    cells = node.cand.cells or []
    header = node.cand.header or []
    marked: list[tuple[str, Span]] = []
    for i, cell in enumerate(cells):
        if i >= len(header) or i == 0:
            continue
        name = header[i]
        if _MARK_RE.match(cell.text) and re.search(r"\d{4}|\w", name):
            marked.append((name, cell.span()))
            continue
        field_name = _field_of(name, language)
        if field_name in ("responsible", "time_frame", "budget") and cell.text:
            _set_field(node.draft, field_name, cell.text, cell.span(), language)
    if marked and node.draft.time_frame is None:
        node.draft.time_frame = ", ".join(name for name, _ in marked)
        node.draft.spans["time_frame"] = (marked[0][1][0], marked[-1][1][1])


# ------------------------------------------------------------------ indicators


def _dimensions(text: str, language: str, listed: bool = False) -> list[str]:
    """Disaggregation keys in the corpus's English keywords ("household size")."""
    keys = list(disaggregation_keys(text))
    # The lexicon knows more dimensions and languages than outline's table.
    for hit in _find(text, role="dimension", language=language):
        if listed or _after_trigger(text, hit.start):
            keys.append(hit.value)
    out: list[str] = []
    for key in keys:
        key = key.replace("_", " ")
        if key not in out:
            out.append(key)
    return out


def _after_trigger(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(
        re.search(
            r"\b(?:by|por|per|nach|par|pe|po|według|wg|κατά|naar|efter)\b",
            before,
            re.IGNORECASE,
        )
    )


#: A breakdown clause at the end of an indicator's name: "(by sex)", ", by age".
_DISAGG_CLAUSE_RE = re.compile(
    r"[,;]?\s*\((?:[^()]*)\)\s*$"
    r"|,\s*(?:by|por|per|nach|par|pe|po|według|κατά|naar|efter|uppdelat på)\s"
    r"[^,]*(?:,[^,]*)*$",
    re.IGNORECASE,
)


def _indicator(
    node: _Node,
    plan: _Plan,
    lines: list[LayoutLine],
    i: int,
    begin: int,
    end: int,
    language: str,
) -> int:
    """An inline indicator from line ``i`` (its name at ``begin``), wrapped lines
    joined until a blank line, the next field or node; returns the next line."""
    line = lines[i]
    text = line.text[begin:]
    span_end = line.end
    j = i + 1
    while (
        j < end
        and not lines[j].blank_before
        and not lines[j].furniture
        and _field_of(lines[j].text, language) in (None, "baseline", "target")
        and _CODED_RE.match(lines[j].text) is None
    ):
        text += " " + lines[j].text
        span_end = lines[j].end
        j += 1
    name, baseline, target = _split_values(text, language)
    dims = _dimensions(name, language)
    clean = name
    if dims:
        clean = _DISAGG_CLAUSE_RE.sub("", name).strip() or name
    clean = clean.strip().rstrip(".;,").strip()
    lead = len(text) - len(text.lstrip())
    spans = {
        "name": line.span(begin + lead, min(len(line.text), begin + lead + len(clean)))
    }
    spans["indicator"] = (
        line.start + 0 if not line.offsets else line.offsets[0],
        span_end,
    )
    if not clean:
        return j  # a label alone ("Indicators"), a heading: no indicator
    kind = "qualitative" if _qualitative(text, language) else "quantitative"
    draft = IndicatorDraft(
        measure=node.draft.code,
        name=clean,
        kind=kind,
        disaggregation=dims,
        baseline=baseline,
        target=target,
        confidence=node.draft.confidence,
        spans=spans,
    )
    plan.indicators.append(draft)
    return j


#: "— situation 2025 : 6 ;" at the end of an indicator's text before its target.
_DATED_VALUE_RE = re.compile(
    r"(?:^|\s[—–\-]\s|[;,.]\s|\s)(?P<word>[^\W\d_][\w'’]*(?:\s[^\W\d_][\w'’]*)?)"
    r"\s+\(?(?:19|20)\d\d\)?\s*[:=]\s*(?P<value>[^;:→]{1,40}?)\s*[;,]?\s*$"
)


def _split_values(text: str, language: str) -> tuple[str, str | None, str | None]:
    """Name, baseline and target from "name. Baseline 2024: 12 → Target: 20",
    "baseline 2024 = 12 %", "12 % → 20 %"."""
    baseline = target = None
    cut = len(text)
    hits = _find(text, role="field", language=language)
    for hit in hits:
        if hit.value not in ("baseline", "target"):
            continue
        cut = min(cut, hit.start)
        rest = text[hit.end :]
        rest = re.sub(r"^\s*(?:\(?\d{4}\)?)?\s*[:=]?\s*", "", rest)
        # The value stops at an arrow, a separator, the next "label:" or a
        # spaced dash before one ("0 – target: 40").
        stop = re.search(
            r"\s*(?:→|->|=>|⇒|;|؛|\||\s·\s)"
            r"|\s+[—–-]\s+(?=[^\W\d_][\w ]{0,30}[:=])"
            r"|\s+(?=[^\W\d_]\w*\s*(?:\(?\d{4}\)?)?\s*[:=])",
            rest,
        )
        value = rest[: stop.start()] if stop else rest
        value = value.strip().rstrip(".,;").strip()
        if hit.value == "baseline" and baseline is None:
            baseline = None if _is_null(value, language) else value or None
        elif hit.value == "target" and target is None:
            target = None if _is_null(value, language) else value or None
    target_at = next(
        (h.start for h in hits if h.value == "target" and h.start == cut), None
    )
    if baseline is None and target_at is not None:
        # "situation 2025 : 6 ; target 2028 : 40": a dated value just before a
        # target, under a word that is no label, is the baseline (a state at
        # a year, then the aim at a later one).
        dated = _DATED_VALUE_RE.search(text[:target_at])
        if dated:
            value = dated.group("value").strip().rstrip(".,;").strip()
            baseline = None if _is_null(value, language) else value or None
            cut = dated.start()
    if cut == len(text):
        arrow = re.search(
            r"([^\s:;]+(?:\s*%)?)\s*(?:→|->|=>|⇒)\s*([^\s;]+(?:\s*%)?)\s*$", text
        )
        if arrow:
            cut = arrow.start()
            baseline = None if _is_null(arrow.group(1), language) else arrow.group(1)
            target = None if _is_null(arrow.group(2), language) else arrow.group(2)
    name = text[:cut].strip().rstrip(".;:,").strip()
    return name, baseline, target


def _qualitative(text: str, language: str) -> bool:
    return bool(_find(text, role="qualitative", language=language))


def _indicator_tables(
    plans: list[_Plan], lines: list[LayoutLine], language: str
) -> None:
    """Indicator tables keyed by measure code: a row whose first cell is a
    measure's code, in a table whose header names an indicator."""
    measures: dict[str, tuple[_Plan, _Node]] = {}
    for plan in plans:
        for node in plan.nodes:
            if node.draft.kind == "measure":
                measures.setdefault(_ck(node.draft.code), (plan, node))
    for i, line in enumerate(lines):
        cells = line_cells(line)
        if not cells or _ck(cells[0].text) not in measures:
            continue
        texts = [c.text for c in cells]
        header = table_header(lines, i)
        if header is None:
            continue
        names = [_field_of(h, language) for h in header]
        if "indicator" not in names and ("baseline" in names or "target" in names):
            # A table of baselines and targets keyed by measure code names its
            # indicator in the first column that is no other field ("Measure",
            # "KPI"): it is the indicator's column.
            free = [
                j
                for j in range(1, len(names))
                if names[j] is None or names[j] in ("title", "description")
            ]
            if free:
                names[free[0]] = "indicator"
        if "indicator" not in names:
            continue
        found = measures.get(_ck(texts[0]))
        if found is None:
            continue
        plan, node = found
        values: dict[str, tuple[str, Span]] = {}
        dims: list[str] = []
        for name, cell in zip(names, cells, strict=False):
            if name in ("indicator", "baseline", "target") and name not in values:
                values[name] = (cell.text, cell.span())
        # A breakdown column lists its dimensions ("sex, age"); "none" or a
        # dash lists none.
        for name, cell in zip(names[1:], cells[1:], strict=False):
            if name not in ("indicator", "baseline", "target") and cell.text:
                dims = dims or _dimensions(cell.text, language, listed=True)
        if "indicator" not in values:
            continue
        plan.indicators.append(
            _indicator_draft(node, values, language, dims, line.span())
        )


def _indicator_draft(
    node: Any,
    values: dict[str, tuple[str, Span]],
    language: str,
    dims: list[str],
    whole: Span,
) -> IndicatorDraft:
    """An indicator of ``node`` from its named values (indicator, baseline,
    target); "(by age)" in the name is the breakdown, not the name."""
    name_text, name_span = values["indicator"]
    named = _dimensions(name_text, language)
    clean = name_text
    if named:
        clean = _DISAGG_CLAUSE_RE.sub("", name_text).strip() or name_text
        name_span = (name_span[0], name_span[0] + len(clean))
        dims = dims or named
    base = values.get("baseline", ("", name_span))[0]
    targ = values.get("target", ("", name_span))[0]
    return IndicatorDraft(
        measure=node.draft.code,
        name=clean,
        kind="qualitative" if _qualitative(name_text, language) else "quantitative",
        disaggregation=dims,
        baseline=None if _is_null(base, language) else base,
        target=None if _is_null(targ, language) else targ,
        confidence=node.draft.confidence,
        spans={"name": name_span, "indicator": whole},
    )


def _keyed_code(line: LayoutLine, codes: dict[str, Any] | set[str]) -> str | None:
    """The measure code a "Label: code" line is keyed by (its whole value is
    one of ``codes``), else None."""
    colon = line.text.find(":")
    if colon <= 0 or len(line.text[:colon].split()) > 3:
        return None
    key = _ck(line.text[colon + 1 :].strip())
    return key if key in codes else None


def _indicator_records(
    plans: list[_Plan], lines: list[LayoutLine], language: str
) -> None:
    """Indicators printed as records of one "Label: value" per line, keyed by a
    line whose whole value is a measure's code ("Action: 1.1.1" / "Indicator:
    …" / "Baseline: 0" / "Target: 1,500"); the record ends at a blank line, the
    next keyed line or a line that is no field (a value wrapped onto the line
    below a field is joined to it)."""
    measures: dict[str, tuple[_Plan, _Node]] = {}
    for plan in plans:
        for node in plan.nodes:
            if node.draft.kind == "measure":
                measures.setdefault(_ck(node.draft.code), (plan, node))
    taken = {
        ind.spans["indicator"][0]
        for plan in plans
        for ind in plan.indicators
        if "indicator" in ind.spans
    }

    def keyed(line: LayoutLine) -> str | None:
        return _keyed_code(line, measures)

    i = 0
    while i < len(lines):
        key = keyed(lines[i])
        i += 1
        if key is None or line_cells(lines[i - 1]) is not None:
            continue
        first = lines[i - 1]
        values: dict[str, tuple[str, Span]] = {}
        last: str | None = None
        while i < len(lines) and not lines[i].blank_before and keyed(lines[i]) is None:
            line = lines[i]
            if line.furniture:
                i += 1
                continue
            colon = line.text.find(":")
            name = _field_of(line.text, language) if colon > 0 else None
            if name in ("indicator", "baseline", "target"):
                value = line.text[colon + 1 :].strip()
                lead = line.text.find(value, colon + 1) if value else colon + 1
                values[name] = (value, line.span(lead, lead + len(value)))
                last = name
            elif name == "objective" and "target" not in values and values:
                # The word for a goal is the word for a target in many
                # languages ("Στόχος", "Cilj", "Mål"): after an indicator, it is.
                value = line.text[colon + 1 :].strip()
                lead = line.text.find(value, colon + 1) if value else colon + 1
                values["target"] = (value, line.span(lead, lead + len(value)))
                last = "target"
            elif name is None and last and ":" not in line.text:
                text, span = values[last]
                values[last] = (f"{text} {line.text.strip()}", (span[0], line.end))
            else:
                break
            i += 1
        if "indicator" not in values or any(
            first.start <= at < lines[i - 1].end for at in taken
        ):
            continue
        plan, node = measures[key]
        plan.indicators.append(
            _indicator_draft(
                node, values, language, [], (first.start, lines[i - 1].end)
            )
        )


# ------------------------------------------------------------------ recommendations


def _recommendations(
    plans: list[_Plan], lines: list[LayoutLine], guesses: list[Label], language: str
) -> list[RecommendationDraft]:
    """Items under audience headings, only in recommendation sections (the
    section step's, else a heading the lexicon names so); the next chapter
    closes them (another section, or a heading numbered like a chapter);
    glossaries never give any."""
    loose: list[RecommendationDraft] = []
    inside = False
    audience: tuple[str, Span] | None = None
    content = [line for line in lines if not line.furniture]
    position = {id(line): i for i, line in enumerate(lines)}
    for k, line in enumerate(content):
        i = position[id(line)]
        text = line.text
        heading = _leading(_unnumbered(text), role="section", language=language)
        if line.section:
            if (line.section == "recommendations") != inside:
                audience = None
            inside = line.section == "recommendations"
        elif heading is not None and is_heading_like(_unnumbered(text)):
            inside = heading.value == "recommendations"
            audience = None
            # "Recommendations to local authorities": the heading names its audience.
            if inside and _find(text, role="audience", language=language):
                audience = _audience_of(line)
            continue
        elif inside and _is_chapter(text):
            inside = False  # the next chapter closes the recommendations
            audience = None
            continue
        if not inside:
            continue
        item = _BULLET_RE.match(text) or _LIST_LETTER_RE.match(text)
        if item is None:
            following = content[k + 1] if k + 1 < len(content) else None
            starts_list = following is not None and bool(
                _BULLET_RE.match(following.text)
                or _LIST_LETTER_RE.match(following.text)
            )
            # An audience heading: short, not a sentence, and a list follows it
            # (or the lexicon or the labeller names it so).
            if (
                len(text) <= 120
                and not text.rstrip().endswith(".")
                and (
                    starts_list
                    or guesses[i].tag == "audience"
                    or _leading(text, role="audience", language=language)
                )
            ):
                audience = _audience_of(line)
            continue
        if audience is None:
            continue
        body = text[item.end() :].strip()
        if not body:
            continue
        draft = RecommendationDraft(
            audience=audience[0],
            text=body,
            audience_code=_audience_code(audience[0], language),
            spans={"audience": audience[1], "text": line.span(item.end())},
        )
        plan = next((p for p in reversed(plans) if p.start <= i), None)
        if plan is not None and i < plan.end:
            plan.recommendations.append(draft)
        else:
            loose.append(draft)
    return loose


def _audience_of(line: LayoutLine) -> tuple[str, Span]:
    name = line.text.rstrip().rstrip(":").rstrip()
    return name, line.span(0, len(name))


def _is_chapter(text: str) -> bool:
    """A heading numbered like a chapter ("4. Glossary", "V. Annex")."""
    match = _CODED_RE.match(text)
    if not match or match.group(1) or _LIST_LETTER_RE.match(text):
        return False
    code = parse_code(match.group(2))
    return (
        code is not None
        and code.shape in ("N1", "R1")
        and is_heading_like(_unnumbered(text))
    )


def _unnumbered(text: str) -> str:
    """A heading without its number ("3. Recommendations" → "Recommendations")."""
    return re.sub(r"^(?:[\dIVXLivxl]{1,6}[.)]?)+(?:\s|$)\s*", "", text) or text


def _audience_code(audience: str, language: str) -> str | None:
    hits = _find(audience, role="audience", language=language)
    return hits[0].value if hits else None


# ------------------------------------------------------------------ the rest


def _unplaced(
    plans: list[_Plan],
    cands: list[Candidate],
    used: set[int],
    lines: list[LayoutLine],
    guesses: list[Label],
) -> list[UnplacedLine]:
    """Lines inside a plan's span that the tree could not take: coded lines
    outside its scheme, and lines the labeller took for nodes (with at least
    even odds) that carry no code the tree could read."""
    placed = {n.cand.index for p in plans for n in p.nodes}
    coded = {cand.index for cand in cands}
    titles = {
        n.draft.spans["title"][0]
        for p in plans
        for n in p.nodes
        if "title" in n.draft.spans
    }
    out = []
    for i, line in enumerate(lines):
        if i in placed or line.furniture or line.section in NOT_TREE:
            continue
        if not any(p.start <= i < p.end for p in plans) or line.start in titles:
            continue
        guess = guesses[i]
        if i not in coded and not (
            guess.tag in _NODE_TAGS and guess.probability >= 0.5
        ):
            continue
        out.append(
            UnplacedLine(text=line.text, guess=guess.tag, spans={"line": line.span()})
        )
    return out


def _finish(plan: _Plan, lines: list[LayoutLine], layout: Layout) -> PlanDraft:
    title, span = _plan_title(plan, lines)
    nodes = [n.draft for n in plan.nodes]
    start = lines[plan.start].start if lines else 0
    end = (
        lines[plan.end - 1].end
        if plan.end and plan.end <= len(lines)
        else len(layout.text)
    )
    spans: dict[str, Span] = {"plan": (start, end)}
    if span:
        spans["title"] = span
    return PlanDraft(
        title=title,
        nodes=nodes,
        indicators=plan.indicators,
        recommendations=plan.recommendations,
        spans=spans,
    )


def _plan_title(plan: _Plan, lines: list[LayoutLine]) -> tuple[str, Span | None]:
    """The nearest heading before the plan's first node that names a plan (the
    lexicon's genre word), else the first heading-like line of the document."""
    first = plan.start
    for i in range(first - 1, max(-1, first - 60), -1):
        line = lines[i]
        if line.furniture:
            continue
        if is_heading_like(line.text) and _find(line.text, role="genre"):
            return line.text, line.span()
    for line in lines[: max(first, 1)]:
        if not line.furniture and is_heading_like(line.text):
            return line.text, line.span()
    return "", None


def agreement(plans: list[PlanDraft]) -> int:
    """How many nodes of ``plans`` the tree's constraints support: an area with
    children, a child whose code agrees with its parent's (1.2.3 under 1.2, M1.1
    under 1) or says nothing of it (Action 3 under Axis I).  Used to compare two
    readings of one document."""
    total = 0
    for plan in plans:
        with_children = {n.parent for n in plan.nodes if n.parent}
        for node in plan.nodes:
            if node.parent is None and node.code:
                total += node.code in with_children
                continue
            code = parse_code(node.code)
            if code is None:
                # An uncoded node (a measure sheet, a row without code): nothing
                # to check, nothing to refute.
                total += bool(node.title.strip())
                continue
            heads = [code.head] if code.head else []
            if code.prefix and len(code.parts) > 1:
                heads.append(code.parts[0])
            parent = node.parent or ""
            total += not heads or any(_same_code(h, parent) for h in heads)
    return total


def labelled(plans: list[PlanDraft], layout: Layout, labels: list[Any] | None) -> int:
    """How many nodes of ``plans`` the line labeller also takes for nodes (at
    least even odds); 0 without labels."""
    if not labels or len(labels) != len(layout.lines):
        return 0
    starts = [line.start for line in layout.lines]
    count = 0
    for plan in plans:
        for node in plan.nodes:
            where = node.spans.get("code") or node.spans.get("title")
            if not where:
                continue
            at = max(0, bisect.bisect_right(starts, where[0]) - 1)
            guess = as_label(labels[at])
            count += guess.tag in _NODE_TAGS and guess.probability >= 0.5
    return count


def support(plans: list[PlanDraft]) -> int:
    """The constraints' verdict on a reading of a document, to compare two: its
    nodes that agree with them (``agreement``) less twice those that break them
    (a dotted code under a parent of another prefix, a (code, parent) repeated
    in one plan, a node without a title, a measure with children), plus the
    fields its measures were given (``described``)."""
    broken = 0
    for plan in plans:
        # A measure is a leaf: one with children breaks the scheme.
        parents = {n.parent for n in plan.nodes if n.parent}
        broken += sum(
            1 for n in plan.nodes if n.kind == "measure" and n.code in parents
        )
        seen: set[tuple[str, str | None]] = set()
        for node in plan.nodes:
            pair = (node.code.lower(), node.parent)
            broken += pair in seen or not node.title.strip()
            seen.add(pair)
            code = parse_code(node.code)
            if node.parent and code is not None and code.head:
                heads = [code.head] + ([code.parts[0]] if code.prefix else [])
                broken += not any(_same_code(h, node.parent) for h in heads)
    return agreement(plans) - 2 * broken + described(plans)


def described(plans: list[PlanDraft]) -> int:
    """How many fields (lead, time frame, budget) the measures of ``plans``
    were given: a field read under a measure is its record's support for it,
    when a plan's records repeat (three described measures at least; a stray
    label in a booklet proves nothing)."""
    total = 0
    for plan in plans:
        counts = [
            bool(n.responsible) + (n.time_frame is not None) + (n.budget is not None)
            for n in plan.nodes
            if n.kind == "measure"
        ]
        if sum(1 for c in counts if c) >= 3:
            total += sum(counts)
    return total
