"""Practices that fit, by meaning: similar practices on a practice's page, and
the reader plans use beside a measure (``plans.fits``).

Lists start from ``search.selectors.similar_to_record`` (multilingual vectors,
so a practice written in Romanian meets one written in Spanish) and keep only
published practices, each shown in the reader's language when a translation
exists, with the language of the text shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from convivio.core import caching
from convivio.search import selectors as search
from convivio.search.vectors import version_key

from .models import Practice

#: How many a list shows.
LIMIT = 5
#: Similar records asked of search per record shown: some are filtered out
#: (the record itself, what the reader may not open, other kinds of node).
OVERSAMPLE = 4


@dataclass(frozen=True)
class FitPractice:
    practice_id: int
    title: str
    summary: str
    #: The language of the title and summary shown.
    language: str
    url: str
    score: float


def practices_shown(
    scored: Iterable[tuple[int, float]], *, language: str, limit: int = LIMIT
) -> list[FitPractice]:
    """Published practices among these (id, score) pairs, in the order given
    (two queries; none without ids)."""
    scores = dict(scored)
    if not scores:
        return []
    rows = Practice.objects.filter(
        pk__in=list(scores), status=Practice.Status.PUBLISHED
    ).prefetch_related("translations")
    found: dict[int, FitPractice] = {}
    for practice in rows:
        row = practice.translation_for(language)
        if row is None:
            continue
        found[practice.pk] = FitPractice(
            practice_id=practice.pk,
            title=row.title,
            summary=row.summary,
            language=row.language_id,
            url=practice.get_absolute_url(),
            score=scores[practice.pk],
        )
    return [found[pk] for pk in scores if pk in found][:limit]


def similar_practices(
    practice_id: int, *, user, language: str, limit: int = LIMIT
) -> list[FitPractice]:
    """Published practices closest in meaning to a practice, itself aside."""
    found = search.similar_to_record(
        kind="practice",
        object_id=practice_id,
        kinds=["practice"],
        user=user,
        limit=limit * OVERSAMPLE,
    )
    return practices_shown(
        (
            (pk, score)
            for kind, pk, score in found
            if kind == "practice" and pk != practice_id
        ),
        language=language,
        limit=limit,
    )


def for_visitors[T](
    request: HttpRequest,
    name: str,
    object_id: int,
    kinds: list[str],
    build: Callable[[], T],
) -> T:
    """``build()``, kept for visitors until the index of ``kinds`` or its
    vectors change (what they find is the same for every visitor); signed-in
    people may see drafts, so theirs is computed each time."""
    if request.user.is_authenticated:
        return build()
    versions = search.index_versions(
        [key for kind in kinds for key in (kind, version_key(kind))]
    )
    return caching.get_or_build(
        name,
        build,
        versions=versions,
        language=getattr(request, "LANGUAGE_CODE", None),
        params=(object_id,),
    )
