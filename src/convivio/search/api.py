"""Search API: the one search of /search/ (every kind, counted per kind)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from convivio.core import ratelimit
from convivio.core.api import MAX_PAGE_SIZE, ErrorOut, PageNumber
from convivio.core.tokens import TokenAuth

from . import registry
from .selectors import search_everything

# Reads need no account; a token or a signed-in session finds what that account
# may open besides (drafts it may see), as the other reads of the API.
router = Router(tags=["search"], auth=TokenAuth(session=True))

#: As the page's box and the practices' ``q``.
MAX_QUERY_LENGTH = 200


class HitOut(Schema):
    kind: str = Field(description="The kind of record: practice, plan, service, …")
    id: int
    title: str
    url: str = Field(description="Its page on the site")
    summary: str
    language: str = Field(description="The language of the title and summary")
    meta: list[str] = Field(description="Short labels: a place, a status, …")


class KindCountOut(Schema):
    kind: str
    label: str = Field(description="The kind's name in the request's language")
    count: int = Field(description="Matches of this kind you may open")
    more: bool = Field(
        description="More matches than counted: the count is a lower bound "
        "(the best 1,000 matches by words are counted)"
    )


class SearchOut(Schema):
    items: list[HitOut]
    count: int
    page: int
    pages: int
    counts: list[KindCountOut] = Field(
        description="Every kind with its matches, whatever `kind` chose"
    )
    vectors_used: bool = Field(
        description="False when only words were searched (no vector index): "
        "records written in other languages may be missing"
    )


class SearchQuery(Schema):
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="What to look for, in any language (words or a sentence); "
        "empty finds nothing",
    )
    kind: list[str] = Field(
        [], description="Only these kinds (repeat it for several); every kind if none"
    )
    lang: str = Field(
        "", max_length=16, description="Language of the titles and summaries"
    )
    page: PageNumber = 1
    page_size: int | None = Field(
        None,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Items per page, at most {MAX_PAGE_SIZE}",
    )


def _throttle(request: HttpRequest, user) -> None:
    """Anyone may search, so searches are counted per account or address
    (``CONVIVIO_RATE_API_SEARCH``); administrators are not limited."""
    if getattr(user, "is_superuser", False):
        return
    who = (
        ratelimit.user_key(user)
        if getattr(user, "is_authenticated", False)
        else ratelimit.address_key(request)
    )
    ratelimit.check(
        "api-search",
        who,
        "CONVIVIO_RATE_API_SEARCH",
        _("You have searched a lot in a short time. Please search again in %(wait)s."),
    )


@router.get(
    "",
    response={200: SearchOut, 400: ErrorOut},
    summary="Search every kind of record",
)
def search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    """Practices, plans and their measures, services, organisations, documents,
    … ranked as one list, words and meaning together: a query finds records
    written in other languages.  The page is that of the site's /search/."""
    known = registry.names()
    unknown = [k for k in query.kind if k not in known]
    if unknown:
        raise HttpError(
            400,
            _("Unknown kind “%(kind)s” in “kind”: give one of %(kinds)s.")
            % {"kind": unknown[0][:40], "kinds": ", ".join(known)},
        )
    user = request.auth  # type: ignore[attr-defined]
    _throttle(request, user)
    language = query.lang or request.LANGUAGE_CODE
    page_size = query.page_size or settings.CONVIVIO_PAGE_SIZE
    kinds = list(dict.fromkeys(query.kind)) or None
    results = search_everything(
        query=query.q.strip(),
        user=user,
        language=language,
        kinds=kinds,
        page=query.page,
        per_page=page_size,
    )
    counts = results.counts  # every kind's, whichever are chosen
    chosen = set(kinds or known)
    return {
        "items": [
            {
                "kind": hit.kind,
                "id": hit.object_id,
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "language": hit.language,
                "meta": list(hit.meta),
            }
            for hit in results.hits
        ],
        "count": sum(n for name, n in counts.items() if name in chosen),
        "page": results.page,
        "pages": results.pages,
        "counts": [
            {
                "kind": kind.name,
                "label": str(kind.label),
                "count": counts.get(kind.name, 0),
                "more": kind.name in results.capped,
            }
            for kind in registry.kinds()
        ],
        "vectors_used": results.vectors_used,
    }
