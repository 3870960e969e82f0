"""The one search page: every kind people look for, ranked as one list."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from convivio.core.forms import page_number
from convivio.core.http import HtmxHttpRequest
from convivio.core.pagination import known_page
from convivio.core.translation_screen import native_name

from . import registry
from .selectors import SearchResults, search_everything

#: As the list pages' boxes: a sentence, not a document.  Longer is cut, and said.
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchAsked:
    """The page's parameters, read and cut to what is searched."""

    query: str
    kind: str
    notes: list[str] = field(default_factory=list)

    def query_string(self) -> str:
        """The parameters the pagination links keep (the page aside)."""
        return urlencode(
            [(k, v) for k, v in (("q", self.query), ("kind", self.kind)) if v]
        )


def read_search(params: QueryDict) -> SearchAsked:
    """``q`` and ``kind`` of a request; too long or unknown values are cut or
    dropped with a note, never refused."""
    notes: list[str] = []
    query = params.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        notes.append(
            _("The search was shortened to %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        )
        query = query[:MAX_QUERY_LENGTH].strip()
    kind = params.get("kind", "").strip()
    if kind and kind not in registry.names():
        notes.append(
            _("Ignored unknown %(facet)s: %(values)s.")
            % {"facet": "kind", "values": kind[:40]}
        )
        kind = ""
    return SearchAsked(query=query, kind=kind, notes=notes)


def run_search(
    asked: SearchAsked, *, user, language: str, page: int, per_page: int
) -> tuple[SearchResults, dict[str, int]]:
    """One page of results, and the visible matches of every kind (the facets)."""
    results = search_everything(
        query=asked.query,
        user=user,
        language=language,
        kinds=[asked.kind] if asked.kind else None,
        page=page,
        per_page=per_page,
    )
    return results, results.counts


def facets(
    counts: dict[str, int], chosen: str, capped: frozenset[str] = frozenset()
) -> list[dict]:
    """ "All" first, then each kind with matches (or the one chosen), in the
    registry's order; ``more`` marks a count that is a lower bound."""
    rows = [
        {
            "value": "",
            "label": _("All"),
            "count": sum(counts.values()),
            "more": bool(capped),
            "selected": not chosen,
        }
    ]
    for kind in registry.kinds():
        count = counts.get(kind.name, 0)
        if count or kind.name == chosen:
            rows.append(
                {
                    "value": kind.name,
                    "label": kind.label,
                    "count": count,
                    "more": kind.name in capped,
                    "selected": kind.name == chosen,
                }
            )
    return rows


@require_GET
def search(request: HtmxHttpRequest) -> HttpResponse:
    """Search everything (practices, plans, services, documents, …) at once."""
    asked = read_search(request.GET)
    context: dict = {"asked": asked, "searched": bool(asked.query)}
    if asked.query:
        per_page = settings.CONVIVIO_PAGE_SIZE
        results, counts = run_search(
            asked,
            user=request.user,
            language=request.LANGUAGE_CODE,
            page=page_number(request),
            per_page=per_page,
        )
        total = counts.get(asked.kind, 0) if asked.kind else sum(counts.values())
        more = asked.kind in results.capped if asked.kind else bool(results.capped)
        labels = {kind.name: kind.label for kind in registry.kinds()}
        context.update(
            results=results,
            total=total,
            more=more,
            facets=facets(counts, asked.kind, results.capped),
            hits=[
                {
                    "hit": hit,
                    "kind_label": labels.get(hit.kind, hit.kind),
                    "language_name": native_name(hit.language)
                    if hit.language and hit.language != request.LANGUAGE_CODE
                    else "",
                }
                for hit in results.hits
            ],
            page=known_page(
                results.hits, number=results.page, total=total, per_page=per_page
            ),
        )
    if request.htmx and not request.htmx.boosted:
        return render(request, "search/search.html#results", context)
    return render(request, "search/search.html", context)
