"""The cached renderings of the practice pages (core.caching).

The list's results and filter panel depend only on the validated filters, the
page, the language, the search index's version and the code lists' version: a
hit costs one small query (the index version).  A practice's article, as a
visitor sees it, depends on the practice's head (its last change and its
translations', the plans that adopted it and their data versions) and the code
lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from convivio.core import caching
from convivio.search.selectors import index_version

from . import selectors
from .models import Practice
from .selectors import PracticeFilters


def list_version() -> int:
    """The search index's version of practices: every list key holds it."""
    return index_version(kind=selectors.SEARCH_KIND)


def facets_html(
    request: HttpRequest, filters: PracticeFilters, version: int, facets=None
) -> SafeString:
    """The filter panel: the same on every page and in every order, so cached."""
    return caching.render(
        "practices:facets",
        "practices/practice_list.html#facets",
        lambda: {
            "filters": filters,
            "facets": facets
            if facets is not None
            else selectors.practice_facets(filters=filters, version=version),
        },
        request=request,
        versions=(version, caching.version(caching.CODES)),
        params=filters.counted(),
    )


def results_html(
    request: HttpRequest,
    filters: PracticeFilters,
    notes: list[str],
    page: int,
    version: int,
) -> SafeString:
    """One page of results with the filter panel.

    Counting a large set of practices for the first time takes a while: then the
    results come first and the panel follows (HTMX), or inline when asked for
    (?counts=1, the link shown without JavaScript).  Both renderings are cached,
    each under its own key.
    """
    counts_ready = request.GET.get("counts") == "1" or (
        selectors.practice_counts_ready(filters=filters, version=version)
    )
    versions = (version, caching.version(caching.CODES))
    params = (filters, page, tuple(notes))
    kept = caching.lookup(
        "practices:results",
        versions=versions,
        language=request.LANGUAGE_CODE,
        params=(*params, counts_ready),
    )
    if kept is not None:
        return mark_safe(kept)  # noqa: S308 - our own template's rendering
    counts_inline = (
        counts_ready
        or selectors.practice_total(filters=filters, version=version)
        <= settings.CONVIVIO_INLINE_COUNTS_LIMIT
    )
    return caching.render(
        "practices:results",
        "practices/practice_list.html#results",
        lambda: _results_context(request, filters, notes, page, version, counts_inline),
        request=request,
        versions=versions,
        params=(*params, counts_inline),
    )


def _results_context(
    request: HttpRequest,
    filters: PracticeFilters,
    notes: list[str],
    page: int,
    version: int,
    counts_inline: bool,
) -> dict:
    results = selectors.practice_search(
        filters=filters,
        language=request.LANGUAGE_CODE,
        page=page,
        page_size=settings.CONVIVIO_PAGE_SIZE,
        version=version,
        with_themes=False,
        with_counts=counts_inline,
    )
    if counts_inline:
        panel = facets_html(request, filters, version, results.facets)
    else:
        panel = mark_safe(  # noqa: S308 - our own template's rendering
            render_to_string(
                "practices/practice_list.html#facets_loading",
                {
                    "filters": filters,
                    "panel_url": reverse("practices:filters")
                    + "?"
                    + filters.query_string(),
                },
                request=request,
            )
        )
    return {
        "filters": filters,
        "results": results,
        "notes": notes,
        "sort": filters.effective_sort,
        "facets_html": panel,
    }


@dataclass
class Article:
    title: str
    html: SafeString


def public_article(
    request: HttpRequest, pk: int, context: Callable[[Practice], dict]
) -> Article | None:
    """The article a visitor sees, rendered once per version of the practice
    from ``context(practice)``; None when it is not published (or does not
    exist)."""
    head = selectors.practice_head(pk=pk)
    if head is None or head["status"] != Practice.Status.PUBLISHED:
        return None

    def build() -> dict:
        shown = context(selectors.practice_get(pk=pk))
        return {
            "title": shown["title"],
            "html": render_to_string(
                "practices/_practice_article.html", shown, request=request
            ),
        }

    try:
        article = caching.get_or_build(
            "practices:article",
            build,
            versions=(
                head["updated_at"].isoformat(),
                head["plans_links"],
                head["plans_last"],
                head["plans_versions"],
                caching.version(caching.CODES),
            ),
            language=request.LANGUAGE_CODE,
            params=(pk, request.GET.get("lang", "")),
        )
    except Practice.DoesNotExist:  # deleted since its head was read
        return None
    return Article(
        title=article["title"],
        html=mark_safe(article["html"]),  # noqa: S308 - our own template's rendering
    )
