"""The ingestion pipeline without the database: text → language → genre → drafts.

`run()` is what both the background job (tasks.job_run) and
``python -m convivio ingest FILE --json`` call; it saves nothing.  The parsers are
imported when needed, so that a parser that cannot be imported costs its drafts and a
problem sentence, never the whole run.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from . import classify as classification
from . import genre as genres
from .extract import Extracted, extract, read_file
from .language import detect_language, detect_sections
from .shapes import NodeDraft, ParseResult

logger = logging.getLogger(__name__)

#: The language assumed when the text is too short or too mixed to tell.
FALLBACK_LANGUAGE = "en"

GENRE_LABELS = {
    classification.PLAN: pgettext_lazy("document kind", "plan"),
    classification.PRACTICE_COLLECTION: pgettext_lazy(
        "document kind", "practice collection"
    ),
    classification.OTHER: pgettext_lazy("document kind", "other"),
}


def run(
    text: str, *, language: str | None = None, genre: str | None = None
) -> ParseResult:
    """What the pipeline makes of `text` (already extracted and normalised).

    `language` and `genre`, when given, are a person's choice and replace what
    would be detected; the detected genre's evidence is still reported.
    """
    problems: list[str] = []
    if genre and genre not in classification.GENRES:
        raise ValueError(
            f"Unknown genre {genre!r}: use one of {', '.join(classification.GENRES)}."
        )
    detected = detect_language(text)
    if language:
        language = language.split("-")[0].lower()
    else:
        language = detected
        if language is None:
            language = FALLBACK_LANGUAGE
            problems.append(
                _(
                    "The language of the text could not be told apart; English is "
                    "assumed: change it if it is wrong."
                )
            )
    sections = [s for s in detect_sections(text) if s["language"] != language]

    # Both readers run; what they found decides the genre (genre.py), the
    # phrase counts of classify.py only name what an "other" document is.
    result = ParseResult(
        genre=classification.OTHER,
        language=language,
        section_languages=sections,
        problems=problems,
    )
    plan_part = ParseResult(genre=classification.PLAN, language=language)
    practice_part = ParseResult(
        genre=classification.PRACTICE_COLLECTION, language=language
    )
    readers = _parse_plans(plan_part, text, language) + _parse_practices(
        practice_part, text, language
    )
    found = genres.decide(plan_part.plans, practice_part.practices, text)
    evidence = list(found.evidence)
    detail = ""
    if found.genre == classification.OTHER or len(readers) < 2:
        cues = classification.classify(text, language)
        detail = cues.detail if found.genre == classification.OTHER else ""
        if cues.genre not in readers and cues.genre != classification.OTHER:
            # A reader that could not be imported cannot vote: its genre's cue
            # words stand in, so that the document says what it is.
            found = genres.Decision(cues.genre, cues.evidence, cues.scores)
    if genre and genre != found.genre:
        evidence.insert(
            0,
            _("Chosen by a person; the text alone looks like: %(genre)s.")
            % {"genre": GENRE_LABELS[found.genre]},
        )
        detail = ""
    chosen = genre or found.genre
    result.genre = chosen
    result.genre_detail = detail
    result.genre_evidence = evidence
    chosen_part = {
        classification.PLAN: plan_part,
        classification.PRACTICE_COLLECTION: practice_part,
    }.get(chosen)
    if chosen_part is not None:
        result.plans = chosen_part.plans
        result.practices = chosen_part.practices
        result.organisations = chosen_part.organisations
        result.recommendations = chosen_part.recommendations
        result.unplaced = chosen_part.unplaced
        result.problems += chosen_part.problems
    else:
        what = {
            "method_note": _("a method note"),
            "project_description": _("a project description"),
        }.get(detail, _("neither a plan nor a collection of practices"))
        result.problems.append(
            _(
                "This document reads as %(what)s: no drafts were made from it. It "
                "is kept in the library with its text; choose another kind of "
                "document and run it again if it does hold a plan or practices."
            )
            % {"what": what}
        )
    _suggest_topics(result)
    if chosen != classification.OTHER and not (
        result.plans or result.practices or result.organisations
    ):
        result.problems.append(
            _(
                "No %(genre)s structure could be read in this document, so it has no "
                "drafts; it is kept in the library with its text."
            )
            % {"genre": GENRE_LABELS[chosen]}
        )
    return result


def _suggest_topics(result: ParseResult) -> None:
    """Themes and target groups from the words of each practice and each plan
    area, for the reviewer to confirm (topics.py)."""
    from . import topics

    language = result.language
    for practice in result.practices:
        body = " ".join(
            [
                practice.summary,
                practice.description,
                *practice.aims,
                *practice.phases,
                practice.results,
                practice.beneficiaries or "",
            ]
        )
        found = topics.suggest(practice.title, body, language)
        practice.themes = found["themes"]
        practice.target_groups = found["target_groups"]
    for plan in result.plans:
        # The nodes come in reading order: an area's parts follow it.
        areas: list[tuple[NodeDraft, list[str]]] = []
        for node in plan.nodes:
            if node.kind == "area":
                areas.append((node, []))
            elif areas:
                areas[-1][1].append(f"{node.title} {node.text}")
        for area, parts in areas:
            area.theme = topics.area_theme(
                area.title, f"{area.text} {' '.join(parts)}", language
            )
        plan.themes = list(dict.fromkeys(a.theme for a, _ in areas if a.theme))


def _parse_plans(result: ParseResult, text: str, language: str) -> list[str]:
    """Fills `result` with the plan reader's drafts; the genres of the readers
    that ran ([] when the reader is not available)."""
    try:
        from .parse_plan import read_plan_document
    except ImportError as error:
        logger.warning("Plan parser unavailable: %s", error)
        result.problems.append(_("The plan reader is not available: no plan drafts."))
        return []
    plans, recommendations, unplaced = read_plan_document(text, language)
    result.plans = list(plans)
    result.unplaced.extend(unplaced)
    # An annex of general recommendations to several plans stays with the document.
    result.recommendations = list(recommendations)
    return [classification.PLAN]


def _parse_practices(result: ParseResult, text: str, language: str) -> list[str]:
    try:
        from .parse_practices import parse_practices_with_unplaced
    except ImportError as error:
        logger.warning("Practice parser unavailable: %s", error)
        result.problems.append(
            _("The practice reader is not available: no practice drafts.")
        )
        return []
    practices, organisations, recommendations, unplaced = parse_practices_with_unplaced(
        text, language
    )
    result.practices = list(practices)
    result.organisations = list(organisations)
    result.recommendations = list(recommendations)
    result.unplaced = list(unplaced)
    return [classification.PRACTICE_COLLECTION]


def ingest_bytes(
    data: bytes,
    filename: str,
    *,
    language: str | None = None,
    genre: str | None = None,
    max_bytes: int | None = None,
) -> tuple[Extracted, ParseResult]:
    """Extract and run; raises extract.ExtractionError for a file it cannot read.
    The extraction's warnings come first among the result's problems."""
    extracted = extract(data, filename, max_bytes=max_bytes)
    result = run(extracted.text, language=language, genre=genre)
    result.problems[:0] = [str(w) for w in extracted.warnings]
    return extracted, result


def ingest_path(
    path: str | os.PathLike,
    *,
    language: str | None = None,
    genre: str | None = None,
    max_bytes: int | None = None,
) -> tuple[Extracted, ParseResult]:
    """`ingest_bytes` of a file on disk, its size checked before it is read."""
    data = read_file(path, max_bytes=max_bytes)
    return ingest_bytes(
        data, Path(path).name, language=language, genre=genre, max_bytes=max_bytes
    )
