"""Read-only API of the shared records: organisations and code lists; and what
every router of the API shares: its one pagination and its one error body."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PaginationBase, paginate

from . import selectors
from .forms import MAX_PAGE_NUMBER
from .models import Organisation, Territory
from .text import fold

router = Router(tags=["organisations and code lists"])

#: The largest ``page_size`` of every list of the API.
MAX_PAGE_SIZE = 100


def api_error(status: int, detail: str) -> JsonResponse:
    """An API error outside an endpoint, in the API's one error body."""
    return JsonResponse({"detail": detail}, status=status)


class ErrorOut(Schema):
    """The body of every error of the API: a sentence in the request's language,
    and for a request that does not fit, the messages by field."""

    detail: str
    fields: dict[str, list[str]] | None = Field(
        None, description="The messages by field, when the request does not fit"
    )


#: The ``?page=`` of every API list: a bad or huge number is a 400, not a 500.
PageNumber = Annotated[
    int, Field(ge=1, le=MAX_PAGE_NUMBER, description="Page number, from 1")
]


@dataclass(frozen=True)
class PageOf:
    """Rows to cut into pages, and how to make one page's items of them.

    ``render`` takes the rows of the page at once, so that what the items need
    besides (translations, dimensions) is read in a query per page, not per row.
    """

    rows: QuerySet | Sequence[Any]
    render: Callable[[list[Any]], list[Any]]


@dataclass(frozen=True)
class Page:
    """A page already cut by the endpoint (the practice search ranks and cuts its
    own), given as it is."""

    items: list[Any]
    count: int
    page: int
    pages: int


class Pagination(PaginationBase):
    """The one pagination of the API (``@paginate(Pagination)``): ``?page=`` and
    ``?page_size=`` (at most 100) in, ``{"items", "count", "page", "pages"}`` out.
    A page past the last gives the last one."""

    class Input(Schema):
        page: PageNumber = 1
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Items per page, at most {MAX_PAGE_SIZE}",
        )

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int

    def __init__(
        self, *, page_size: int = settings.CONVIVIO_PAGE_SIZE, **kwargs: Any
    ) -> None:
        self.page_size = page_size
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        if isinstance(queryset, Page):
            return {
                "items": queryset.items,
                "count": queryset.count,
                "page": queryset.page,
                "pages": queryset.pages,
            }
        size = pagination.page_size or self.page_size
        count = self.count(queryset)
        pages = max(1, -(-count // size))
        page = min(pagination.page, pages)
        items = self.cut(queryset, page, size) if count else []
        return {"items": items, "count": count, "page": page, "pages": pages}

    @staticmethod
    def count(queryset: Any) -> int:
        rows = queryset.rows if isinstance(queryset, PageOf) else queryset
        return rows.count() if isinstance(rows, QuerySet) else len(rows)

    @staticmethod
    def cut(queryset: Any, page: int, size: int) -> list[Any]:
        """The items of page ``page`` of ``size`` (rendered, for a ``PageOf``)."""
        offset = (page - 1) * size
        if isinstance(queryset, PageOf):
            return queryset.render(list(queryset.rows[offset : offset + size]))
        return list(queryset[offset : offset + size])


#: The page parameters of the API's lists, with their largest values (``per_page``
#: is that of the HSDS lists, which the Open Referral standard names so).  A wrong
#: one is answered with 400 and ``page_parameter_error``'s sentence.
PAGE_PARAMETERS = {"page": MAX_PAGE_NUMBER, "page_size": MAX_PAGE_SIZE, "per_page": 200}


def page_parameter_error(name: str, maximum: int) -> str:
    return _("“%(name)s” is a whole number from 1 to %(max)d.") % {
        "name": name,
        "max": maximum,
    }


class TerritoryOut(Schema):
    id: int
    name: str
    kind: str
    iso_code: str
    country_code: str
    parent_id: int | None
    latitude: float | None
    longitude: float | None


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    website: str
    email: str
    phone: str
    description: str
    territory: TerritoryOut | None

    @staticmethod
    def resolve_description(obj: Organisation) -> str:
        # The original's text (the callers prefetch "translations").
        row = obj.original_translation()
        return row.description if row is not None else ""


class CodeOut(Schema):
    slug: str
    #: In the language of ``lang`` / Accept-Language (the reference names are
    #: in the interface catalogues).
    name: str = Field(alias="label")


class TerritoryFilters(Schema):
    kind: Territory.Kind | None = Field(None, description="country, region, …")
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code"
    )
    q: str | None = Field(
        None,
        max_length=200,
        description="Part of the name; case and accents ignored (rio finds Río)",
    )


class OrganisationFilters(Schema):
    kind: Organisation.Kind | None = None


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Pagination)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    # Proposed organisations and those known only from drafts are not listed.
    qs = selectors.organisation_public().prefetch_related("translations")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation_detail(request: HttpRequest, slug: str):
    organisation = selectors.organisation_public().filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return organisation


@router.get("/themes", response=list[CodeOut])
def theme_list(request: HttpRequest):
    return selectors.theme_list()


@router.get("/target-groups", response=list[CodeOut])
def target_group_list(request: HttpRequest):
    return selectors.target_group_list()


@router.get("/territories", response=list[TerritoryOut])
@paginate(Pagination, page_size=MAX_PAGE_SIZE)
def territory_list(request: HttpRequest, filters: Query[TerritoryFilters]):
    qs = selectors.territory_list()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country_code=filters.country.upper())
    if filters.q and fold(filters.q):
        qs = qs.filter(name_key__contains=fold(filters.q))
    return qs
