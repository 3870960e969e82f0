"""Reads for good practices: the faceted, searchable list, details, queues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import get_language

from convivio.core import caching
from convivio.core.models import (
    Language,
    Organisation,
    TargetGroup,
    Territory,
    Theme,
    User,
    pick_translation,
)
from convivio.core.pagination import known_page
from convivio.core.permissions import AnyUser
from convivio.core.text import fold
from convivio.search.selectors import (
    index_version,
    query_is_searchable,
    search_match,
)

from . import facet_index, permissions
from .models import (
    Collection,
    CollectionItem,
    Practice,
    PracticeEvaluation,
    PracticeOrganisation,
    PracticeTranslation,
)

SEARCH_KIND = "practice"


class SortChoice(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TITLE = "title"


class Sort:
    RELEVANCE = SortChoice.RELEVANCE.value
    NEWEST = SortChoice.NEWEST.value
    TITLE = SortChoice.TITLE.value
    CHOICES = (RELEVANCE, NEWEST, TITLE)


@dataclass(frozen=True)
class PracticeFilters:
    """A validated list query: every facet holds code values (slugs, ISO codes)."""

    q: str = ""
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    organisation_kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""

    @property
    def searching(self) -> bool:
        return query_is_searchable(self.q)

    @property
    def default_sort(self) -> str:
        return Sort.RELEVANCE if self.searching else Sort.NEWEST

    @property
    def effective_sort(self) -> str:
        if self.sort in Sort.CHOICES and (
            self.sort != Sort.RELEVANCE or self.searching
        ):
            return self.sort
        return Sort.RELEVANCE if self.searching else Sort.NEWEST

    @property
    def active(self) -> bool:
        """True when anything narrows or orders the list."""
        return bool(self.q or self.sort or _has_facets(self))

    def query_string(self, **changes: object) -> str:
        """The normalised query string of these filters, with `changes` applied.

        Built from validated values only, so links never carry unknown or
        foreign parameters (and cached pages never depend on them).
        """
        params: list[tuple[str, object]] = []
        if self.q:
            params.append(("q", self.q))
        for name, values in (
            ("theme", self.themes),
            ("target_group", self.target_groups),
            ("country", self.countries),
            ("language", self.languages),
            ("organisation_kind", self.organisation_kinds),
        ):
            params += [(name, v) for v in values]
        for name in ("year_from", "year_to", "sort"):
            value = changes.pop(name, getattr(self, name))
            if value not in (None, ""):
                params.append((name, value))
        params += [(k, v) for k, v in changes.items() if v not in (None, "")]
        return urlencode(params)

    def counted(self) -> tuple:
        """What the matches and their counts depend on (not the order): the
        parameters of their cache keys."""
        return (
            self.q.strip().lower() if self.searching else "",
            tuple(sorted(self.themes)),
            tuple(sorted(self.target_groups)),
            tuple(sorted(self.countries)),
            tuple(sorted(self.languages)),
            tuple(sorted(self.organisation_kinds)),
            self.year_from,
            self.year_to,
        )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class PracticeResults:
    practices: list[Practice]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    #: Theme slugs of each practice shown, by its id (``with_themes``).
    themes: dict[int, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def page_obj(self) -> Page:
        """This page as core/includes/pagination.html shows it."""
        return known_page(
            self.practices, number=self.page, total=self.total, per_page=self.page_size
        )


# --- Code lists -----------------------------------------------------------------------


def code_lists() -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs of every facet in the reader's language, cached
    until a code list changes (one per interface language)."""
    return caching.get_or_build(
        "practices:code_lists",
        _code_lists,
        versions=(caching.version(caching.CODES),),
        language=get_language(),
    )


def _code_lists() -> dict[str, list[tuple[str, str]]]:
    return {
        "themes": _by_label(
            (t.slug, t.label) for t in Theme.objects.only("slug", "name")
        ),
        "target_groups": _by_label(
            (g.slug, g.label) for g in TargetGroup.objects.only("slug", "name")
        ),
        "countries": _by_label(
            (c.iso_code, c.label)
            for c in Territory.objects.filter(kind=Territory.Kind.COUNTRY).only(
                "kind", "iso_code", "name"
            )
        ),
        "languages": list(
            Language.objects.order_by("name").values_list("code", "name")
        ),
        "organisation_kinds": [
            (str(v), str(label)) for v, label in Organisation.Kind.choices
        ],
    }


def _by_label(pairs) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda pair: fold(pair[1]))


def _published() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Practice.Status.PUBLISHED)


# --- Filtering and counting ----------------------------------------------------------
#
# Filters, totals, counts and the order of the list's pages come from this process's
# facet index (facet_index.py: bitsets in memory, no SQL); a search adds its matches.


def _ranked(filters: PracticeFilters, version: int) -> list[int]:
    """Ids of the practices matching the words, most relevant first (cached).

    The search runs once per query and index version; pages, counts and facets
    reuse its result.
    """
    return caching.get_or_build(
        "practices:ranked",
        lambda: [i for i, _ in search_match(kind=SEARCH_KIND, query=filters.q)],
        versions=(version,),
        per_language=False,
        params=filters.counted(),
    )


class _Selected:
    """The facet index's selection of `filters`, made when first needed (a
    cached total and counts need none)."""

    def __init__(
        self, filters: PracticeFilters, version: int, ranked: list[int] | None
    ) -> None:
        self.filters, self.version, self.ranked = filters, version, ranked
        self._selection: facet_index.Selection | None = None

    def __call__(self) -> facet_index.Selection:
        if self._selection is None:
            index = facet_index.current(self.version)
            self._selection = index.select(self.filters, self.ranked)
        return self._selection


def _total(filters: PracticeFilters, version: int, selected: _Selected) -> int:
    """How many practices match, cached until the index changes."""
    return caching.get_or_build(
        "practices:total",
        lambda: selected().total(),
        versions=(version,),
        per_language=False,
        params=filters.counted(),
    )


def _summary(filters: PracticeFilters, version: int, selected: _Selected):
    """Total and facet counts, cached until the index changes."""
    return caching.get_or_build(
        "practices:summary",
        lambda: {
            "total": _total(filters, version, selected),
            "counts": selected().counts(),
        },
        versions=(version,),
        per_language=False,
        params=filters.counted(),
    )


def practice_counts_ready(*, filters: PracticeFilters, version: int) -> bool:
    """True when the facet counts of `filters` are already computed."""
    return caching.is_cached(
        "practices:summary",
        versions=(version,),
        per_language=False,
        params=filters.counted(),
    )


def practice_total(*, filters: PracticeFilters, version: int) -> int:
    """How many published practices match `filters` (cached)."""
    ranked = _ranked(filters, version) if filters.searching else None
    return _total(filters, version, _Selected(filters, version, ranked))


def practice_facets(
    *, filters: PracticeFilters, version: int | None = None
) -> dict[str, list[FacetValue]]:
    """The filter panel's values and counts for `filters` (computed or cached)."""
    if version is None:
        version = index_version(kind=SEARCH_KIND)
    ranked = _ranked(filters, version) if filters.searching else None
    selected = _Selected(filters, version, ranked)
    return _facets(filters, _summary(filters, version, selected)["counts"])


def _facets(filters: PracticeFilters, counts: dict[str, dict[str, int]]):
    lists = code_lists()
    facets: dict[str, list[FacetValue]] = {}
    for name in (
        "themes",
        "target_groups",
        "countries",
        "languages",
        "organisation_kinds",
    ):
        selected = set(getattr(filters, name))
        values = [
            FacetValue(value, label, counts[name].get(value, 0), value in selected)
            for value, label in lists[name]
        ]
        facets[name] = [v for v in values if v.count or v.selected]
    facets["years"] = sorted(
        (FacetValue(y, y, n) for y, n in counts["years"].items()),
        key=lambda v: v.value,
        reverse=True,
    )
    return facets


#: The fields of a practice that one row of the list shows.
LIST_ROW_FIELDS = (
    "original_language_id",
    "start_year",
    "end_year",
    "country__kind",
    "country__iso_code",
    "country__name",
)


def _list_rows(ids: list[int], language: str) -> list[Practice]:
    """Fetch the rows of one page, in the order of `ids`, each with ``shown``
    (its text in `language`, else the original; as translation_for picks it).

    Only what a card and the API's summary read: a row's other columns, the
    text rows' origins and the prefetch machinery were half of a page's cost.
    """
    rows = {
        p.id: p
        for p in Practice.objects.filter(id__in=ids)
        .select_related("country")
        .only(*LIST_ROW_FIELDS)
    }
    texts: dict[int, list[PracticeTranslation]] = {}
    for text in PracticeTranslation.objects.filter(practice_id__in=list(rows)).only(
        "id", "practice_id", "language_id", "title", "summary"
    ):
        texts.setdefault(text.practice_id, []).append(text)
    practices = [rows[i] for i in ids if i in rows]
    for p in practices:
        p.shown = pick_translation(
            texts.get(p.id, []), language, p.original_language_id
        )
    return practices


def _theme_slugs(index: facet_index.FacetIndex, ids: list[int]):
    """Each practice's theme slugs in the themes' own order, from the index."""
    order = theme_order()
    return {
        practice_id: sorted(slugs, key=lambda s: (order.get(s, len(order)), s))
        for practice_id, slugs in index.values_of("themes", ids).items()
    }


def theme_order() -> dict[str, int]:
    """Each theme slug's place in the themes' own order (by name), cached until
    a code list changes."""
    return caching.get_or_build(
        "practices:theme_order",
        lambda: {
            slug: n
            for n, slug in enumerate(Theme.objects.values_list("slug", flat=True))
        },
        versions=(caching.version(caching.CODES),),
        per_language=False,
    )


def practice_search(
    *,
    filters: PracticeFilters,
    language: str,
    page: int = 1,
    page_size: int = 20,
    version: int | None = None,
    with_themes: bool = True,
    with_counts: bool = True,
) -> PracticeResults:
    """The published practices that match `filters`, one page of them, with facets.

    `version` is the search index version when the caller has already read it;
    `with_counts=False` skips the facet counts (the API does not return them);
    `with_themes` gives each practice's theme slugs (``results.themes``, from the
    facet index: no query).
    """
    if version is None:
        version = index_version(kind=SEARCH_KIND)
    ranked = _ranked(filters, version) if filters.searching else None
    selected = _Selected(filters, version, ranked)
    if with_counts:
        summary = _summary(filters, version, selected)
        total = summary["total"]
    else:
        summary = None
        total = _total(filters, version, selected)
    page = max(1, min(page, max(1, -(-total // page_size))))
    offset = (page - 1) * page_size
    sort = filters.effective_sort
    # (A relevance order is only chosen for a search, which ranked the matches.)
    if sort == Sort.RELEVANCE and ranked is not None:
        if _has_facets(filters):
            ranked = selected().ranked()
        page_ids = ranked[offset : offset + page_size]
    else:
        page_ids = selected().page(sort, offset, page_size)
    return PracticeResults(
        practices=_list_rows(page_ids, language),
        themes=_theme_slugs(selected().index, page_ids) if with_themes else {},
        total=total,
        page=page,
        page_size=page_size,
        facets=_facets(filters, summary["counts"]) if summary else {},
    )


def _has_facets(filters: PracticeFilters) -> bool:
    return bool(
        filters.themes
        or filters.target_groups
        or filters.countries
        or filters.languages
        or filters.organisation_kinds
        or filters.year_from is not None
        or filters.year_to is not None
    )


# --- Single practices and other lists -------------------------------------------------


def practice_get(*, pk: int) -> Practice:
    """Return a practice with everything its page shows (raises DoesNotExist)."""
    return (
        Practice.objects.select_related("country", "original_language", "created_by")
        .annotate(
            # Whether a plan's measure adopted it: its page then shows them.
            in_plans=Exists(
                Practice.objects.filter(pk=OuterRef("pk"), measure_links__isnull=False)
            )
        )
        .prefetch_related(
            "translations__language",
            "themes",
            "target_groups",
            "territories",
            "links",
            Prefetch(
                "organisation_roles",
                queryset=PracticeOrganisation.objects.select_related("organisation"),
            ),
        )
        .get(pk=pk)
    )


def practice_head(*, pk: int) -> dict | None:
    """Status and last change of a practice: enough to pick a cached rendering.

    ``plans`` changes whenever a plan that adopted the practice changes (its
    data version only grows), so the "Adopted in plans" card stays current.
    ``updated_at`` counts its translation rows' changes too: a machine
    translation or a review changes what a reader of that language sees.
    """
    head = (
        Practice.objects.filter(pk=pk)
        .annotate(
            plans_links=Count("measure_links", distinct=True),
            plans_last=Max("measure_links__id"),
            plans_versions=Sum("measure_links__node__plan__data_version"),
            # A subquery: joined, the rows would multiply plans_versions' sum.
            translations_last=Subquery(
                PracticeTranslation.objects.filter(practice=OuterRef("pk"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
        )
        .values(
            "status",
            "updated_at",
            "plans_links",
            "plans_last",
            "plans_versions",
            "translations_last",
        )
        .first()
    )
    if head is not None:
        translated = head.pop("translations_last")
        if translated is not None and translated > head["updated_at"]:
            head["updated_at"] = translated
    return head


def practice_evaluations(*, practice: Practice) -> dict:
    evaluations = list(
        PracticeEvaluation.objects.filter(practice=practice)
        .select_related("reviewer")
        .order_by("-created_at")
    )
    averages = (
        {
            c: sum(getattr(e, c) for e in evaluations) / len(evaluations)
            for c in PracticeEvaluation.CRITERIA
        }
        if evaluations
        else {}
    )
    return {"evaluations": evaluations, "averages": averages}


def practice_history(*, practice: Practice):
    return practice.events.select_related("actor").all()[:50]


def _card_rows(qs: QuerySet[Practice]) -> QuerySet[Practice]:
    """``qs`` with what a practice's card shows (``in_language`` picks its row)."""
    return qs.select_related("country").prefetch_related(
        Prefetch(
            "translations",
            queryset=PracticeTranslation.objects.only(
                "id", "practice_id", "language_id", "title", "summary", "origins"
            ),
        )
    )


def in_language(practices: Iterable[Practice], language: str) -> list[Practice]:
    """The practices, each with ``shown``: its row in ``language``, else the
    original (from the prefetched rows, no query)."""
    practices = list(practices)
    for p in practices:
        p.shown = p.translation_for(language)
    return practices


def _with_shown(qs: QuerySet[Practice], language: str) -> list[Practice]:
    return in_language(_card_rows(qs), language)


def practice_latest(*, limit: int, language: str) -> list[Practice]:
    return _with_shown(_published().order_by("-published_at", "-id")[:limit], language)


def practice_list_for_organisation(*, organisation: Organisation) -> QuerySet[Practice]:
    """The published practices of ``organisation``, the newest first (cards)."""
    return _card_rows(
        _published()
        .filter(
            id__in=PracticeOrganisation.objects.filter(
                organisation=organisation
            ).values("practice_id")
        )
        .order_by("-published_at", "-id")
    )


def practice_moderation_queue() -> QuerySet[Practice]:
    """Practices waiting for review, the longest waiting first (cards)."""
    qs = Practice.objects.filter(status=Practice.Status.IN_REVIEW).order_by(
        "updated_at", "id"
    )
    return _card_rows(qs.select_related("created_by"))


def practice_list_for_user(*, user: User) -> QuerySet[Practice]:
    """The practices ``user`` submitted, the last changed first (cards)."""
    return _card_rows(
        Practice.objects.filter(created_by=user).order_by("-updated_at", "-id")
    )


def collection_list(
    *, language: str | None = None, user: AnyUser | None = None
) -> list[Collection]:
    """The collections ``user`` may read (published ones for nobody), by their
    title in ``language``; ``shown`` is the row to show."""
    collections = list(
        permissions.visible_collections(user, Collection.objects.all())
        .annotate(size=Count("items"))
        .prefetch_related("translations")
    )
    for collection in collections:
        collection.shown = collection.translation_for(language)
    return sorted(
        collections, key=lambda c: (c.shown.title.casefold() if c.shown else "", c.pk)
    )


def collection_get(
    *, pk: int, language: str, user: AnyUser | None = None
) -> tuple[Collection, list[Practice]]:
    """The collection (``shown``: its text in ``language`` or the original) and
    its published practices in order; raises ``Collection.DoesNotExist`` for a
    draft ``user`` may not read."""
    collection = permissions.visible_collections(
        user, Collection.objects.prefetch_related("translations")
    ).get(pk=pk)
    collection.shown = collection.translation_for(language)
    qs = _published().filter(
        id__in=CollectionItem.objects.filter(collection=collection).values(
            "practice_id"
        )
    )
    practices = {p.id: p for p in _with_shown(qs, language)}
    order = collection.items.values_list("practice_id", flat=True)
    return collection, [practices[i] for i in order if i in practices]
