"""One way to page an HTML list: Django's Paginator, one template fragment.

``paginate`` pages a queryset or list by ``?page=``; ``known_page`` wraps a page
already selected (a ranked search) whose total is known.  Both give a Django
``Page``, shown by ``core/includes/pagination.html`` with links that keep the
list's filters (its query string) and, being relative, its language prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from .forms import MAX_PAGE_NUMBER

#: Rows per page of the lists that are tables (plans, surveys, queues): as many
#: as they showed before they paginated.
ROWS_PER_PAGE = 200


def paginate(
    request: HttpRequest,
    rows: QuerySet | Sequence,
    *,
    per_page: int | None = None,
    param: str = "page",
) -> Page:
    """The page of ``rows`` that ``?<param>=`` asks for.

    A missing or wrong number gives the first page, one past the end the last
    page.  When the first page holds every row, no COUNT query is issued.
    """
    per_page = per_page or settings.CONVIVIO_PAGE_SIZE
    paginator = Paginator(rows, per_page)
    number = _number(request, param)
    if number == 1 and isinstance(rows, QuerySet):
        first = list(rows[: per_page + 1])
        if len(first) <= per_page:
            paginator.count = len(first)  # the whole list: no COUNT needed
        return Page(first[:per_page], 1, paginator)
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)  # iterated once, the same rows
    return page


def known_page(
    rows: Sequence, *, number: int, total: int, per_page: int | None = None
) -> Page:
    """A ``Page`` of rows selected already (``number`` within range), ``total``
    rows in all."""
    paginator = Paginator((), per_page or settings.CONVIVIO_PAGE_SIZE)
    paginator.count = total
    return Page(rows, number, paginator)


def _number(request: HttpRequest, param: str) -> int:
    """The page asked for: 1 when missing or not a number, never absurdly large."""
    try:
        return max(1, min(int(request.GET.get(param, 1)), MAX_PAGE_NUMBER))
    except ValueError:
        return 1


def page_query(query: QueryDict | dict | str, number: int, param: str = "page") -> str:
    """``query`` (the list's filters) with the page changed; page 1 is the bare
    list, so that it shares its cache and address with the first visit."""
    if isinstance(query, str):
        query = QueryDict(query)
    pairs: Iterable[tuple[str, list[Any]]] = (
        query.lists()
        if isinstance(query, QueryDict)
        else ((k, v if isinstance(v, list) else [v]) for k, v in query.items())
    )
    params: list[tuple[str, Any]] = [
        (k, v) for k, values in pairs if k != param for v in values
    ]
    if number > 1:
        params.append((param, number))
    return urlencode(params)
