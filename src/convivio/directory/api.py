"""The HSDS 3.0 API (read-only, public): active services of the directory.

Shapes follow the Open Referral compiled schemas; see ``convivio.directory.hsds``
and docs/hsds.md.
"""

import io
import uuid
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from convivio.core.api import PAGE_PARAMETERS, PageNumber, PageOf, Pagination
from convivio.core.models import Organisation
from convivio.search.selectors import ids_subquery

from . import hsds
from .models import Service
from .selectors import matching_ids

router = Router(tags=["HSDS 3.0 directory of services"])

MAX_PER_PAGE = PAGE_PARAMETERS["per_page"]


class HsdsPagination(Pagination):
    """The API's pagination with the page the HSDS standard prescribes:
    ``?page=`` and ``?per_page=`` in, Open Referral's envelope out (``contents``,
    ``total_items``…), so that HSDS clients read it unchanged.  A page past the
    last is empty, as the standard has it."""

    class Input(Schema):
        page: PageNumber = 1
        per_page: int = Field(
            50, ge=1, le=MAX_PER_PAGE, description="Number of results in a page."
        )

    class Output(Schema):
        total_items: int
        total_pages: int
        page_number: int
        size: int
        first_page: bool
        last_page: bool
        empty: bool
        contents: list[Any]

    items_attribute = "contents"

    def paginate_queryset(self, queryset, pagination, request, **params):
        count = self.count(queryset)
        items = (
            self.cut(queryset, pagination.page, pagination.per_page) if count else []
        )
        return hsds.page(
            items, total=count, number=pagination.page, per_page=pagination.per_page
        )


class ServiceFilters(Schema):
    search: str | None = Field(
        None,
        max_length=200,
        description=(
            "Words the service is found by, each on its own (name, description, "
            "needs, places, languages; accents and case ignored)."
        ),
    )
    taxonomy_term_id: str | None = Field(
        None, description="Services with this taxonomy term (theme or target group)."
    )
    organization_id: str | None = Field(
        None, description="Services of this organization."
    )
    full: bool = Field(False, description="Fully nested services.")
    lang: str | None = Field(
        None, max_length=16, description="Language of the texts, when translated."
    )


def _uuid(value: str, not_found: str) -> str:
    """The id as a UUID, or a 404 with ``not_found`` (a whole sentence with
    ``%(id)s``: each kind of record has its own, as the words agree)."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise HttpError(404, not_found % {"id": value}) from None


def _each(rows, serialise) -> PageOf:
    return PageOf(rows, lambda page: [serialise(obj) for obj in page])


def _organisation_pk(org_id: str) -> int | None:
    org_id = _uuid(org_id, _("No organisation with the id “%(id)s”."))
    for pk in Organisation.objects.values_list("pk", flat=True):
        if hsds.organisation_uuid(pk) == org_id:
            return pk
    return None


@router.get("/", summary="About this HSDS API")
def api_info(request: HttpRequest):
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/",
        "openapi_url": request.build_absolute_uri("/api/openapi.json"),
    }


@router.get(
    "/services",
    response=list[dict[str, Any]],
    summary="Services (HSDS service_list page)",
)
@paginate(HsdsPagination)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]):
    qs = hsds.public_services()
    # The directory pages' matching (the one search), in the API's own order.
    matches = matching_ids(filters.search or "")
    if matches is not None:
        qs = qs.filter(pk__in=ids_subquery(matches))
    if filters.taxonomy_term_id:
        term = _uuid(
            filters.taxonomy_term_id, _("No taxonomy term with the id “%(id)s”.")
        )
        themes = [
            t.pk
            for t in hsds.Theme.objects.all()
            if hsds.term_uuid(hsds.THEMES_TAXONOMY, t.slug) == term
        ]
        groups = [
            g.pk
            for g in hsds.TargetGroup.objects.all()
            if hsds.term_uuid(hsds.TARGET_GROUPS_TAXONOMY, g.slug) == term
        ]
        qs = qs.filter(Q(themes__in=themes) | Q(target_groups__in=groups)).distinct()
    if filters.organization_id:
        organisation_pk = _organisation_pk(filters.organization_id)
        # An id that names no organisation matches no service.
        qs = (
            qs.filter(organisation_id=organisation_pk)
            if organisation_pk is not None
            else qs.none()
        )
    lang = filters.lang
    if filters.full:
        return _each(qs, lambda s: hsds.service_full(s, lang))
    return _each(qs, lambda s: hsds.service_list_record(s, lang))


@router.get("/services/{id}", summary="One service, fully nested (HSDS service)")
def service_detail(request: HttpRequest, id: str, lang: str | None = None):
    service = (
        hsds.public_services()
        .filter(hsds_id=_uuid(id, _("No service with the id “%(id)s”.")))
        .first()
    )
    if service is None:
        raise HttpError(404, _("No active service with the id “%s”.") % id)
    return hsds.service_full(service, lang)


@router.get(
    "/organizations",
    response=list[dict[str, Any]],
    summary="Organizations with services in the directory",
)
@paginate(HsdsPagination)
def organization_list(request: HttpRequest):
    qs = (
        Organisation.objects.filter(services__status=Service.Status.ACTIVE)
        .distinct()
        .order_by("name", "pk")
        .prefetch_related("translations")
    )
    return _each(qs, hsds.organisation_base)


@router.get("/organizations/{id}", summary="One organization with its services")
def organization_detail(request: HttpRequest, id: str, lang: str | None = None):
    pk = _organisation_pk(id)
    org = Organisation.objects.filter(pk=pk).first() if pk else None
    if org is None:
        raise HttpError(404, _("No organisation with the id “%s”.") % id)
    return hsds.organisation_full(
        org, hsds.public_services().filter(organisation=org), lang
    )


@router.get(
    "/service_at_locations",
    response=list[dict[str, Any]],
    summary="Services at locations",
)
@paginate(HsdsPagination)
def service_at_location_list(request: HttpRequest):
    return _each(hsds.service_at_locations_queryset(), hsds.service_at_location_record)


@router.get("/service_at_locations/{id}", summary="One service at a location")
def service_at_location_detail(request: HttpRequest, id: str):
    sal = (
        hsds.service_at_locations_queryset()
        .filter(hsds_id=_uuid(id, _("No service at location with the id “%(id)s”.")))
        .first()
    )
    if sal is None:
        raise HttpError(404, _("No service at location with the id “%s”.") % id)
    return hsds.service_at_location_record(sal, full=True)


@router.get(
    "/taxonomies",
    response=list[dict[str, Any]],
    summary="Taxonomies: Convivio themes and target groups",
)
@paginate(HsdsPagination)
def taxonomy_list(request: HttpRequest):
    return hsds.taxonomy_records()


@router.get("/taxonomies/{id}", summary="One taxonomy")
def taxonomy_detail(request: HttpRequest, id: str):
    for item in hsds.taxonomy_records():
        if item["id"] == id:
            return item
    raise HttpError(404, _("No taxonomy with the id “%s”.") % id)


@router.get(
    "/taxonomy_terms",
    response=list[dict[str, Any]],
    summary="Taxonomy terms: themes and target groups",
)
@paginate(HsdsPagination)
def taxonomy_term_list(request: HttpRequest):
    return hsds.taxonomy_term_records()


@router.get("/taxonomy_terms/{id}", summary="One taxonomy term")
def taxonomy_term_detail(request: HttpRequest, id: str):
    for item in hsds.taxonomy_term_records():
        if item["id"] == id:
            return item
    raise HttpError(404, _("No taxonomy term with the id “%s”.") % id)


@router.get(
    "/datapackage.zip",
    summary="Tabular datapackage (CSV per HSDS table + datapackage.json)",
)
def datapackage(request: HttpRequest):
    buffer = io.BytesIO()
    hsds.write_datapackage_zip(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="convivio-hsds.zip"'
    return response
