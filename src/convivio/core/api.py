"""Read-only API of the shared records: organisations and code lists."""

from typing import Annotated

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from . import selectors
from .forms import MAX_PAGE_NUMBER
from .models import Organisation, Territory
from .text import fold

router = Router(tags=["organisations and code lists"])


def api_error(status: int, detail: str) -> JsonResponse:
    """An API error outside an endpoint: JSON ``{"detail": …}`` as ninja's own."""
    return JsonResponse({"detail": detail}, status=status)


#: The ``?page=`` of every API list: a bad or huge number is a 422, not a 500.
PageNumber = Annotated[
    int, Field(ge=1, le=MAX_PAGE_NUMBER, description="Page number, from 1")
]


class BoundedPageNumberPagination(PageNumberPagination):
    """Ninja's page-number pagination with the page number bounded."""

    class Input(Schema):
        page: PageNumber = 1
        page_size: int | None = Field(None, ge=1)


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
@paginate(BoundedPageNumberPagination, page_size=20)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]):
    # Proposed organisations and those known only from drafts are not listed.
    qs = selectors.organisation_public().prefetch_related("translations")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation_detail(request: HttpRequest, slug: str):
    return get_object_or_404(selectors.organisation_public(), slug=slug)


@router.get("/themes", response=list[CodeOut])
def theme_list(request: HttpRequest):
    return selectors.theme_list()


@router.get("/target-groups", response=list[CodeOut])
def target_group_list(request: HttpRequest):
    return selectors.target_group_list()


@router.get("/territories", response=list[TerritoryOut])
@paginate(BoundedPageNumberPagination, page_size=100)
def territory_list(request: HttpRequest, filters: Query[TerritoryFilters]):
    qs = selectors.territory_list()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country_code=filters.country.upper())
    if filters.q and fold(filters.q):
        qs = qs.filter(name_key__contains=fold(filters.q))
    return qs
