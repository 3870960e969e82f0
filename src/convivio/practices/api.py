"""Practices API: the same filters and search as the list page."""

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from convivio.core import caching
from convivio.core.api import Page, Pagination
from convivio.core.translation import row_status
from convivio.search.selectors import index_version

from . import selectors
from .filters import filters_from_api

router = Router(tags=["practices"])


class TranslationOut(Schema):
    language: str
    #: original, reviewed, machine or outdated (derived, see core.translation)
    status: str
    title: str
    summary: str


class PracticeSummaryOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    language: str
    country: str
    start_year: int | None
    end_year: int | None
    themes: list[str]


class OrganisationRoleOut(Schema):
    slug: str
    name: str
    kind: str
    role: str


class PhaseOut(Schema):
    title: str = ""
    text: str = ""


class PracticeDetailOut(PracticeSummaryOut):
    original_language: str
    description: str
    aims: list[str]
    phases: list[PhaseOut]
    activities: str
    beneficiaries: str
    beneficiaries_count: int | None
    results: str
    success_conditions: str
    difficulties: str
    transferability: str
    target_groups: list[str]
    territories: list[str]
    organisations: list[OrganisationRoleOut]
    funding_programme: str
    funding_amount: float | None
    funding_currency: str
    links: list[dict[str, str]]
    contact_name: str
    contact_email: str
    source_document: str
    translations: list[TranslationOut]


class PracticeQuery(Schema):
    q: str = Field("", max_length=200, description="Words to search for")
    theme: list[str] = Field([], description="Theme slugs (any of them)")
    target_group: list[str] = Field([], description="Target group slugs")
    country: list[str] = Field([], description="ISO 3166-1 alpha-2 codes")
    language: list[str] = Field([], description="Original language codes")
    organisation_kind: list[str] = Field([], description="Organisation kinds")
    year_from: int | None = Field(None, ge=1945, le=2100)
    year_to: int | None = Field(None, ge=1945, le=2100)
    sort: selectors.SortChoice | None = None
    lang: str = Field(
        "", max_length=16, description="Preferred language of titles and summaries"
    )


def _summary(p, language: str, themes: list[str]) -> dict:
    shown = p.shown
    return {
        "id": p.id,
        "url": p.get_absolute_url(),
        "title": shown.title if shown else "",
        "summary": shown.summary if shown else "",
        "language": shown.language_id if shown else p.original_language_id,
        "country": p.country.iso_code,
        "start_year": p.start_year,
        "end_year": p.end_year,
        "themes": themes,
    }


@router.get("", response=list[PracticeSummaryOut], summary="List and search practices")
@paginate(Pagination, pass_parameter="page_asked")  # noqa: S106 (not a password)
def practice_list(request: HttpRequest, query: Query[PracticeQuery], **kwargs):
    pagination = kwargs["page_asked"]
    filters = filters_from_api(query)
    language = query.lang or request.LANGUAGE_CODE
    page_size = pagination.page_size or settings.CONVIVIO_PAGE_SIZE
    version = index_version(kind=selectors.SEARCH_KIND)

    def build() -> dict:
        # The search ranks and cuts its page itself (the same as the list page's).
        results = selectors.practice_search(
            filters=filters,
            language=language,
            page=pagination.page,
            page_size=page_size,
            version=version,
            with_counts=False,
        )
        return {
            "items": [
                _summary(p, language, results.themes[p.id]) for p in results.practices
            ],
            "count": results.total,
            "page": results.page,
            "pages": results.pages,
        }

    # A page reads the same for everyone until the practices or the code lists
    # change, as the list page's results do (its links: the interface language).
    return Page(
        **caching.get_or_build(
            "practices:api_list",
            build,
            versions=(version, caching.version(caching.CODES)),
            language=request.LANGUAGE_CODE,
            params=(filters, language, pagination.page, page_size),
        )
    )


@router.get("/{int:practice_id}", response=PracticeDetailOut)
def practice_detail(
    request: HttpRequest, practice_id: int, lang: str = Query("", max_length=16)
):
    try:
        practice = selectors.practice_get(pk=practice_id)
    except selectors.Practice.DoesNotExist:
        raise Http404(_("No such practice.")) from None
    if practice.status != practice.Status.PUBLISHED:
        raise Http404(_("No such practice."))
    shown = practice.translation_for(lang or request.LANGUAGE_CODE)
    practice.shown = shown
    data = _summary(practice, lang, [t.slug for t in practice.themes.all()])
    data.update(
        {
            "original_language": practice.original_language_id,
            "description": shown.description,
            "aims": shown.aims,
            "phases": shown.phases,
            "activities": shown.activities,
            "beneficiaries": shown.beneficiaries,
            "beneficiaries_count": practice.beneficiaries_count,
            "results": shown.results,
            "success_conditions": shown.success_conditions,
            "difficulties": shown.difficulties,
            "transferability": shown.transferability,
            "target_groups": [g.slug for g in practice.target_groups.all()],
            "territories": [t.name for t in practice.territories.all()],
            "organisations": [
                {
                    "slug": r.organisation.slug,
                    "name": r.organisation.name,
                    "kind": r.organisation.kind,
                    "role": r.role,
                }
                for r in practice.organisation_roles.all()
            ],
            "funding_programme": practice.funding_programme,
            "funding_amount": practice.funding_amount,
            "funding_currency": practice.funding_currency,
            "links": [{"url": x.url, "title": x.title} for x in practice.links.all()],
            "contact_name": practice.contact_name,
            "contact_email": practice.contact_email,
            "source_document": practice.source_document,
            "translations": [
                {
                    "language": row.language_id,
                    "status": row_status(practice, row.language_id),
                    "title": row.title,
                    "summary": row.summary,
                }
                for row in practice.translations.all()
            ],
        }
    )
    return data
