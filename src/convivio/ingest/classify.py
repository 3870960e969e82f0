"""What kind of document this is: a plan, a collection of practices, or other.

The decision rests on counted cues, in the languages of the platform and of the
plans it reads (the words are the lexicon's, ``data/lexicon.tsv``), and every
count that weighed is given back as a sentence of evidence the reviewer sees
("12 numbered measures like 1.1.1").  Structure decides before vocabulary: a
document becomes a plan only with an outline of objectives, measures or actions,
a practice collection only with practices set out one by one;
anything else is "other", with a detail ("method_note", "project_description")
when its words say so.  The reviewer can override the genre.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import lexicon

PLAN = "plan"
PRACTICE_COLLECTION = "practice_collection"
OTHER = "other"
GENRES = (PLAN, PRACTICE_COLLECTION, OTHER)

_F = re.IGNORECASE | re.MULTILINE


#: Outline numbers three deep: "1.1.1", "2.3.10." (optionally after a label word).
_DEEP = re.compile(
    r"^[ \t>*•-]*(?:[^\W\d_]+\.?[ \t]+)?\d{1,3}\.\d{1,3}\.\d{1,3}\b\.?", _F
)
#: Two deep: "1.2", "1.2." at the start of a line.
_MID = re.compile(r"^[ \t>*•-]*\d{1,3}\.\d{1,3}\.?(?:[ \t]|$)", re.MULTILINE)

_OBJECTIVE_WORDS = lexicon.regex("level", "objective")
_OBJECTIVE = re.compile(
    r"^[ \t•*-]*(?:[\dIVX]+(?:\.\d+)*[.)]?[ \t]*)?(?:[^\W\d_]+[ \t]+){0,2}?"
    rf"(?:{_OBJECTIVE_WORDS})\b(?:[ \t]+[^\W\d_]+)?[ \t]*(?:n[º°o.]?[ \t]*)?"
    r"(?:[\dIVX]+(?:\.\d+)*\.?)?[ \t]*[:.]",
    _F,
)
_AREA_WORDS = lexicon.regex("level", "area")
_AREA = re.compile(
    rf"^[ \t•*-]*(?:{_AREA_WORDS})\b[ \t]*(?:n[º°o.]?[ \t]*)?"
    r"(?:\d+|(?-i:[IVX]+|[A-Z])\b)",
    _F,
)
_MEASURE_WORDS = lexicon.regex("level", "measure")
_MEASURE = re.compile(
    rf"^[ \t•*-]*(?:{_MEASURE_WORDS})\b[ \t]*(?:n[º°o.]?[ \t]*)?\d+(?:\.\d+)*\b",
    _F,
)
_INDICATOR = re.compile(
    r"^[ \t•*-]*(?:[^\W\d_]+[ \t]+){0,2}"
    + lexicon.regex("level", "indicator")
    + r"(?!\w)",
    _F,
)
#: Who, when and how much: the field labels of a measure.
_ATTRIBUTE = re.compile(
    r"^[ \t•*-]*"
    + lexicon.regex("field", ("responsible", "time_frame", "budget"))
    + r"(?!\w)",
    _F,
)
_PLAN_PHRASES = re.compile(
    r"(?<!\w)" + lexicon.regex("genre", "plan") + r"(?!\w)", re.IGNORECASE
)

#: "Practice 3", "Caso 2": the label of one record with its number.
_PRACTICE_HEADING = re.compile(
    r"^[ \t#*]*(?:\S+[ \t]+){0,2}"
    + lexicon.regex("genre", "practice_item")
    + r"[ \t*]*(?:n[º°o.]?[ \t]*)?\d+\b",
    _F,
)
#: A heading that ends with a country in capitals: "PRACTICE 1 - ITALY",
#: "Sistemul suport … - ITALIA" (a page number may follow in a contents list).
_COUNTRY_HEADING = re.compile(
    r"^[^\n]{3,160}?[ \t][-–—|][ \t]*[A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢΑ-Ω][A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢΑ-Ω ]{2,30}"
    r"[ \t*]*(?:\t[ \t]*\d+)?$",
    re.MULTILINE,
)
_PRACTICE_PHRASES = re.compile(
    r"(?<!\w)" + lexicon.regex("genre", "practice") + r"(?!\w)", re.IGNORECASE
)
#: The field labels of a practice record, followed by a colon.
_PRACTICE_FIELDS = re.compile(
    r"^[ \t•*-]*"
    + lexicon.regex(
        "field",
        (
            "beneficiaries",
            "target_group",
            "organisation",
            "partners",
            "years",
            "contact",
            "results",
            "city",
            "country",
        ),
    )
    + r"[ \t]*:",
    _F,
)
_ORG_CITY = re.compile(r"^[^\n|]{2,120}[ \t]\|[ \t][^\n|]{2,60}$", re.MULTILINE)
_URL = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)

_METHOD_CUES = re.compile(
    r"(?<!\w)" + lexicon.regex("genre", "method_note") + r"(?!\w)", re.IGNORECASE
)
_PROJECT_CUES = re.compile(
    r"(?<!\w)" + lexicon.regex("genre", "project_description") + r"(?!\w)",
    re.IGNORECASE,
)


@dataclass
class Classification:
    genre: str
    detail: str = ""
    evidence: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def _count(pattern: re.Pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _examples(pattern: re.Pattern, text: str, limit: int = 2) -> str:
    found: list[str] = []
    for match in pattern.finditer(text):
        value = " ".join(match.group(0).split()).strip(" •*-:")
        if value and value not in found:
            found.append(value[:40])
        if len(found) >= limit:
            break
    return ", ".join(f"“{value}”" for value in found)


def _evidence(items: Iterable[tuple[int, str, re.Pattern | None]], text: str):
    for count, label, pattern in items:
        if count:
            example = _examples(pattern, text) if pattern is not None else ""
            yield f"{count} {label}" + (f" ({example})" if example else "")


def classify(text: str, language: str | None = None) -> Classification:
    """The genre of `text` with the evidence for it.  `language` is not needed for
    the decision (the cue lists cover the platform's languages at once) and is
    accepted so that callers pass what they know."""
    deep = _count(_DEEP, text)
    mid = _count(_MID, text)
    objectives = _count(_OBJECTIVE, text)
    areas = _count(_AREA, text)
    measures = _count(_MEASURE, text)
    indicators = _count(_INDICATOR, text)
    attributes = _count(_ATTRIBUTE, text)
    plan_phrases = _count(_PLAN_PHRASES, text)

    practice_headings = _count(_PRACTICE_HEADING, text)
    country_headings = _count(_COUNTRY_HEADING, text)
    practice_phrases = _count(_PRACTICE_PHRASES, text)
    practice_fields = _count(_PRACTICE_FIELDS, text)
    org_city = _count(_ORG_CITY, text)
    urls = _count(_URL, text)

    plan_structure = (
        deep >= 3
        or measures >= 3
        or (objectives >= 2 and (mid >= 2 or areas >= 1 or measures >= 1))
        or (areas >= 2 and (measures >= 1 or mid >= 3 or objectives >= 1))
        or (mid >= 5 and (indicators + attributes + objectives + plan_phrases) >= 3)
        or (
            deep >= 1 and objectives + areas + measures >= 1 and indicators + attributes
        )
    )
    practice_structure = (
        practice_headings >= 2
        or (country_headings >= 2 and practice_phrases >= 1)
        or (org_city >= 2 and practice_phrases >= 1)
        or (practice_phrases >= 2 and practice_fields >= 4)
    )
    plan_score = (
        2 * deep
        + 2 * measures
        + 2 * objectives
        + 2 * areas
        + min(mid, 50)
        + indicators
        + attributes
        + min(plan_phrases, 10)
    )
    practice_score = (
        6 * practice_headings
        + 4 * country_headings
        + 3 * org_city
        + 2 * practice_fields
        + min(practice_phrases, 15)
        + min(urls, 10)
    )
    scores = {PLAN: float(plan_score), PRACTICE_COLLECTION: float(practice_score)}

    plan_evidence = list(
        _evidence(
            [
                (deep, "numbered measures three levels deep", _DEEP),
                (mid, "numbered items two levels deep", _MID),
                (objectives, "objective lines", _OBJECTIVE),
                (areas, "lines naming an axis or area", _AREA),
                (measures, "numbered measures or actions", _MEASURE),
                (indicators, "indicator lines", _INDICATOR),
                (attributes, "lines giving who, when or how much", _ATTRIBUTE),
                (plan_phrases, "mentions of a plan or strategy", _PLAN_PHRASES),
            ],
            text,
        )
    )
    practice_evidence = list(
        _evidence(
            [
                (practice_headings, "numbered practice headings", _PRACTICE_HEADING),
                (country_headings, "headings ending with a country", _COUNTRY_HEADING),
                (org_city, "“Organisation | City” lines", _ORG_CITY),
                (practice_phrases, "mentions of good practices", _PRACTICE_PHRASES),
                (
                    practice_fields,
                    "practice fields (beneficiaries, …)",
                    _PRACTICE_FIELDS,
                ),
                (urls, "web links", None),
            ],
            text,
        )
    )

    if plan_structure and (not practice_structure or plan_score >= practice_score):
        return Classification(PLAN, "", plan_evidence, scores)
    if practice_structure:
        return Classification(PRACTICE_COLLECTION, "", practice_evidence, scores)

    method = _count(_METHOD_CUES, text)
    project = _count(_PROJECT_CUES, text)
    scores.update(method_note=float(method), project_description=float(project))
    evidence = [
        "no outline of objectives and measures, no practices set out one by one"
    ]
    detail = ""
    if max(method, project) >= 3:
        if method > project:
            detail = "method_note"
            evidence.append(
                f"{method} words of a method note ({_examples(_METHOD_CUES, text, 4)})"
            )
        else:
            detail = "project_description"
            evidence.append(
                f"{project} words of a project description "
                f"({_examples(_PROJECT_CUES, text, 4)})"
            )
    evidence += [f"but {line}" for line in (plan_evidence + practice_evidence)[:3]]
    return Classification(OTHER, detail, evidence, scores)
