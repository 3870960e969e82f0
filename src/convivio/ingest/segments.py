"""Section roles: which part of a document each logical line belongs to.

``assign(layout, language) -> list[Section]`` finds the document's headings (numbered
or short title lines), gives each the role its words say (lexicon role "section":
"Diagnóstico", "Handlungsfelder und Maßnahmen", "Recommendations", "Glossar"…, or a
plan level word such as "Axis", "Priority", "Pijler": the action part) and sets
``LayoutLine.section`` on every line.  A heading whose words say nothing keeps the
role of the section it sits in; a recommendations section ends at the next heading
of the same or a higher level, whatever it says.

Roles: front_matter, contents, introduction, context, diagnosis, method,
action_plan, monitoring, budget, annex, recommendations, glossary, practices,
partners, criteria, legal, other.  Page and web furniture keeps "" (a contents block
is "contents"): an "Annex" line in a table of contents opens nothing.

How the parsers use it: only the action part (``ACTION``) feeds the plan tree and
only recommendation sections (``RECOMMENDATIONS``) feed recommendations; a glossary
is never a recommendation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import lexicon
from .layout import Layout, LayoutLine
from .outline import parse_marker

ROLES = (
    "front_matter",
    "contents",
    "introduction",
    "context",
    "diagnosis",
    "method",
    "action_plan",
    "monitoring",
    "budget",
    "annex",
    "recommendations",
    "glossary",
    "practices",
    "partners",
    "criteria",
    "legal",
    "other",
)
ACTION = "action_plan"
RECOMMENDATIONS = "recommendations"

#: Lexicon section values that are not roles of their own here.
_VALUE_ROLE = {
    "minutes": "other",
    "statistics": "diagnosis",
    "call": "criteria",
}


@dataclass
class Section:
    role: str
    #: Index in ``layout.lines`` of the heading (-1 for the front matter before any).
    heading: int
    first: int
    last: int
    #: 1 for a chapter, 2 for a sub-section, … (numbering depth, or 1 for a heading
    #: in capitals).
    level: int = 1
    title: str = ""


#: "Budget: 5,000 €" (a field), but not "Annex 2: Costs" or "PRIORITY 1: Homes"
#: (a heading with its code before the colon).
_LABEL_VALUE = re.compile(
    r"^[^\W\d_](?![\w.'’()/\- ]{0,40}\s(?:\d{1,2}|[IVX]{1,4}|[A-Z])\s?[:：])"
    r"[\w.'’()/\- ]{0,45}?\s?[:：]\s*\S"
)
#: A sentence inside the line: a word, a full stop, another word ("1. Costs" and
#: "Art. 5" are not sentences).
_SENTENCE = re.compile(r"(?<=[^\W\d_]{3})[.;!?]\s+[^\W\d_]")
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,5}\.)\s+\S")


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _heading_level(line: LayoutLine) -> int | None:
    """The level of a heading line, or None when the line is not a heading: short,
    no sentence inside, not ending like a sentence or a label, and numbered, in
    capitals or standing alone (a blank line before it)."""
    text = line.text.strip()
    if line.cells is not None or not text or len(text) > 120:
        return None
    if re.search(r"(?:\.\s?){4,}|…{2,}", text):
        return None  # a row with dot leaders ("Area 1 ........ 59.500")
    marker = parse_marker(text)
    body = text[marker.title_at :] if marker is not None else text
    if len(text.split()) > 14 or _SENTENCE.search(body):
        return None
    if text.endswith((",", ";")) or (text.endswith(".") and len(text.split()) > 8):
        return None
    if marker is not None and marker.style == "bullet":
        # "- Recommendations" standing alone: a heading that lost its number to a
        # bullet; any other bullet is a list item.
        rest = text[marker.title_at :]
        if not (
            line.blank_before
            and len(rest.split()) <= 3
            and lexicon.leading(rest, role="section") is not None
        ):
            return None
        return 1
    if _LABEL_VALUE.match(text) and not (
        marker is not None and marker.style == "label"
    ):
        if not _capitals(text):
            return None  # "Budget: 5,000 €" is a field, not a heading
    if _NUMBERED.match(text) and marker is not None:
        return max(1, marker.depth)
    if marker is not None and marker.style == "label":
        return 1
    if _capitals(text):
        return 1
    if text[0].isupper() and line.blank_before and len(text.split()) <= 10:
        return 2  # a short title standing apart from what precedes it
    return None


def _role_of(text: str, language: str | None) -> str | None:
    """The role a heading's words say, or None."""
    body = re.sub(r"^[\W\d_]*(?:[IVXLC]{1,5}[.)]\s*)?", "", text)
    hits = lexicon.find(body[:80], role="section", language=language) or lexicon.find(
        body[:80], role="section"
    )
    if hits:
        # The heading starts with the term, or the term is most of it.
        first = min(hits, key=lambda h: h.start)
        # "Appendix 1 Glossary": the more specific role than "annex".
        specific = [h for h in hits if h.value != "annex" and h.start <= 24]
        if first.value == "annex" and specific:
            first = specific[0]
        if first.start <= 24 or (first.end - first.start) * 2 >= len(body):
            value = first.value
            return _VALUE_ROLE.get(value, value if value in ROLES else None)
    level_hit = lexicon.leading(
        body, role="level", language=language
    ) or lexicon.leading(body, role="level")
    # A plan's level word with its code ("Axis 2", "Asse II –", "Handlungsfeld A");
    # the word alone ("Themes", a filter's "Thématique") says nothing.
    if (
        level_hit is not None
        and level_hit.value in ("area", "objective")
        and _LEVEL_CODE.match(body[level_hit.end :])
    ):
        return ACTION
    return None


_LEVEL_CODE = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5}|[A-Z])\b")


def assign(layout: Layout, language: str | None = None) -> list[Section]:
    """The sections of ``layout`` in order; sets ``LayoutLine.section``."""
    lines = layout.lines
    starts = _document_starts(lines)
    headings = _roles(lines, language, starts)
    _action_evidence(lines, headings, language)
    _later_documents(lines, starts)
    return _sections(lines, headings)


#: A page number at the end of a running line ("Page 3 of 18", "| 7", "- 4 -"),
#: not a year.
_PAGE_NUMBER = re.compile(
    r"(?<![\d.,/])(\d{1,3})(?:\s*(?:of|de|di|von|van|z|από|av|od|din|sur|/)\s*"
    r"(\d{1,4}))?\s*[-–—)\]]?\s*$"
)


def _document_starts(lines: list[LayoutLine]) -> list[int]:
    """Where another document begins in the same file: the page numbers start
    again (page 1 after page 8, or "of 2" after "of 18"); the new document starts
    after the furniture that closed the last page of the one before."""
    starts: list[int] = []
    previous: tuple[int, int | None] | None = None
    closed = -1  # the last page-number line seen
    for i, line in enumerate(lines):
        if line.furniture not in ("page_number", "footer", "header"):
            continue
        match = _PAGE_NUMBER.search(line.text[-30:])
        if match is None:
            continue
        number = int(match.group(1))
        total = int(match.group(2)) if match.group(2) else None
        if previous is not None and (
            number < previous[0] - 1 or (total and previous[1] and total != previous[1])
        ):
            begin = next(
                (k for k in range(closed + 1, len(lines)) if not lines[k].furniture),
                None,
            )
            if begin is not None:
                starts.append(begin)
        previous = (number, total)
        closed = i
    return starts


def _later_documents(lines: list[LayoutLine], starts: list[int]) -> None:
    """A document that follows another in the same file (a report after a plan)
    and has no action part of its own is not read as a plan's part: its
    "Recommendations" are not the plan's."""
    bounds = [*starts, len(lines)]
    for begin, end in itertools.pairwise(bounds):
        part = [k for k in range(begin, end) if not lines[k].furniture]
        if part and not any(lines[k].section == ACTION for k in part):
            for k in part:
                lines[k].section = "other"


def _roles(
    lines: list[LayoutLine], language: str | None, starts: list[int] | None = None
) -> dict[int, tuple[int, str | None]]:
    """Sets each line's role; returns the headings found: index → (level, the role
    its words say or None)."""
    headings: dict[int, tuple[int, str | None]] = {}
    #: The open sections, outermost first: (level, role, heading index).
    stack: list[tuple[int, str, int]] = []
    # A section heading occurs once; a field label ("Partner", "Budget") repeats in
    # every record, and the document's title repeats in its running header.
    seen: dict[str, int] = {}
    for line in lines:
        if not line.furniture and len(line.text) <= 120:  # (headings are short)
            key = _alnum(line.text)
            seen[key] = seen.get(key, 0) + 1
    titles = [_alnum(line.text) for line in lines if line.furniture == "header"]
    for i, line in enumerate(lines):
        if line.furniture:
            line.section = "contents" if line.furniture == "contents" else ""
            continue
        if starts and i in starts:
            stack = [(0, "other", i)]  # another document: nothing carries over
        current = stack[-1][1] if stack else "front_matter"
        level = _heading_level(line)
        key = _alnum(line.text) if level is not None else ""
        if level is not None and not _NUMBERED.match(line.text):
            if seen.get(key, 0) >= 3 or (
                len(key) >= 8 and any(key in title for title in titles)
            ):
                level = None
            elif _field_label(line.text, language):
                level = None
        role = _role_of(line.text, language) if level is not None else None
        if (
            role == ACTION
            and current == "front_matter"
            and not _NUMBERED.match(line.text)
            and lexicon.leading(line.text, role="level") is None
        ):
            role = None  # the document's title ("Local Action Plan …"), not a part
        if role is not None and level is not None and not _NUMBERED.match(line.text):
            level = 1  # "Annex", "Glossary": a division of the document
        if level is not None:
            headings[i] = (level, role)
        if level is not None and role is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, role, i))
        elif level is not None and stack and stack[-1][1] == RECOMMENDATIONS:
            # A recommendations section ends at the next heading of its level or a
            # higher one (audience sub-headings below it do not end it).
            if level <= stack[-1][0] and _same_kind(lines, i, stack[-1][2]):
                while stack and stack[-1][0] >= level:
                    stack.pop()
                outer = stack[-1][1] if stack else "other"
                stack.append((level, outer, i))
        line.section = stack[-1][1] if stack else "front_matter"
    return headings


#: Roles that a chapter full of objectives and measures is not, whatever its
#: heading said (the action part may sit under a chapter named "Introduction"
#: or under a heading with no role word at all).
_WEAK = {"front_matter", "introduction", "context", "diagnosis", "method", "other"}
_DEEP_CODE = re.compile(r"^(?:[^\W\d_]{1,3})?\d{1,2}\.\d{1,2}\.\d{1,2}\b")


def _action_evidence(
    lines: list[LayoutLine],
    headings: dict[int, tuple[int, str | None]],
    language: str | None,
) -> None:
    """A top-level chapter whose heading says nothing, holding two lines or more
    that open measures or objectives (a three-level code "1.1.1", or a level word
    with a code: "Specific objective 1.2", "Medida 3"), is the action part."""
    tops = [i for i, (level, _) in headings.items() if level == 1] + [len(lines)]
    for start, end in itertools.pairwise(tops):
        if headings[start][1] is not None:
            continue
        chunk = [k for k in range(start, end) if not lines[k].furniture]
        if not chunk or any(lines[k].section not in _WEAK for k in chunk):
            continue
        evidence = 0
        for k in chunk:
            text = lines[k].text
            if lines[k].cells is not None:
                continue
            hit = lexicon.leading(text, role="level", language=language)
            if _DEEP_CODE.match(text) or (
                hit is not None
                and hit.value in ("objective", "measure")
                and re.match(r"\s*\d", text[hit.end :])
            ):
                evidence += 1
        if evidence >= 2:
            for k in chunk:
                lines[k].section = ACTION


def _sections(
    lines: list[LayoutLine], headings: dict[int, tuple[int, str | None]]
) -> list[Section]:
    """Runs of lines with the same role (page furniture inside a section does not
    break it)."""
    sections: list[Section] = []
    for i, line in enumerate(lines):
        if line.furniture and line.furniture != "contents":
            continue
        role = line.section
        if sections and sections[-1].role == role:
            sections[-1].last = i
            continue
        level, _ = headings.get(i, (0, None))
        sections.append(
            Section(
                role,
                i if i in headings or role == "contents" else -1,
                i,
                i,
                level=level,
                title=line.text if i in headings or role == "contents" else "",
            )
        )
    return sections


_NOT_ALNUM = re.compile(r"[\W_]+")


def _alnum(text: str) -> str:
    return _NOT_ALNUM.sub("", lexicon.fold(text))


def _field_label(text: str, language: str | None) -> bool:
    """A record's field label ("Partners", "Budget:") standing alone: the lexicon's
    field term is the whole line."""
    hit = lexicon.leading(text, role="field", language=language)
    return hit is not None and not text[hit.end :].strip(" :.\t")


def _same_kind(lines: list[LayoutLine], i: int, heading: int) -> bool:
    """Whether heading ``i`` is set like the recommendations heading: numbered when
    it was numbered, in capitals when it was in capitals (an audience sub-heading
    in plain words is not a new chapter)."""
    if heading < 0:
        return True
    a, b = lines[heading].text, lines[i].text
    if _NUMBERED.match(a):
        return bool(_NUMBERED.match(b)) or _capitals(b)
    if _capitals(a):
        return _capitals(b)
    return True
