"""The list's in-memory facet index: counts, filters, searches and pages from
bitsets, the same as the facet table says, rebuilt when the practices change."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from convivio.core.models import Organisation
from convivio.practices import facet_index, services
from convivio.practices.models import Practice
from convivio.practices.selectors import (
    SEARCH_KIND,
    PracticeFilters,
    practice_facets,
    practice_search,
)
from convivio.search.selectors import index_version
from tests.factories import OrganisationFactory, make_practice

pytestmark = pytest.mark.django_db


def _search(**filters):
    return practice_search(filters=PracticeFilters(**filters), language="en")


def _counts(results) -> dict[str, dict[str, int]]:
    return {
        name: {v.value: v.count for v in values if v.count}
        for name, values in results.facets.items()
    }


def _titles(results) -> list[str]:
    return [p.shown.title for p in results.practices]


@pytest.fixture
def small(db):
    """Three published practices covering every facet, and a draft."""
    ngo = OrganisationFactory(kind=Organisation.Kind.NGO)
    city = OrganisationFactory(kind=Organisation.Kind.PUBLIC_AUTHORITY)
    practices = {
        "a": make_practice(
            title="Allotment garden",
            summary="Neighbours and newcomers grow vegetables together.",
            themes=["housing", "health"],
            target_groups=["youth"],
            country="GR",
            language="ro",
            organisations=[(ngo.id, "implementing")],
            start_year=2018,
            end_year=2020,
        ),
        "b": make_practice(
            title="Bridge housing desk",
            summary="Advice on rent contracts.",
            themes=["housing"],
            target_groups=["migrants"],
            country="IT",
            language="it",
            organisations=[(city.id, "implementing"), (ngo.id, "partner")],
            start_year=2020,
            end_year=None,
        ),
        "c": make_practice(
            title="Community garden school",
            summary="Lessons in the garden for pupils and parents.",
            themes=["education"],
            target_groups=["youth", "migrants"],
            country="GR",
            language="en",
            start_year=None,
            end_year=2015,
        ),
        "draft": make_practice(
            title="Draft garden",
            status="draft",
            themes=["housing"],
            country="GR",
        ),
    }
    return {"ngo": ngo, "city": city, **practices}


def test_counts_of_every_facet_over_the_whole_library(small):
    results = _search()
    assert results.total == 3
    assert _counts(results) == {
        "themes": {"housing": 2, "health": 1, "education": 1},
        "target_groups": {"youth": 2, "migrants": 2},
        "countries": {"GR": 2, "IT": 1},
        "languages": {"ro": 1, "it": 1, "en": 1},
        "organisation_kinds": {"ngo": 2, "public_authority": 1},
        # By start year: the practice with an end year only has none.
        "years": {"2018": 1, "2020": 1},
    }


def test_combined_filters_count_each_facet_under_the_others(small):
    results = _search(themes=("housing",), countries=("GR",))
    assert _titles(results) == ["Allotment garden"]
    assert results.total == 1
    assert _counts(results) == {
        # Among Greek practices, whatever the theme filter.
        "themes": {"housing": 1, "health": 1, "education": 1},
        # Among housing practices, whatever the country filter.
        "countries": {"GR": 1, "IT": 1},
        # The other facets under both filters.
        "target_groups": {"youth": 1},
        "languages": {"ro": 1},
        "organisation_kinds": {"ngo": 1},
        "years": {"2018": 1},
    }


def test_values_of_one_facet_or_and_facets_and(small):
    results = _search(target_groups=("youth", "migrants"), organisation_kinds=("ngo",))
    assert sorted(_titles(results)) == ["Allotment garden", "Bridge housing desk"]
    counts = _counts(results)
    # Target groups among the NGOs' practices; kinds among youth or migrants.
    assert counts["target_groups"] == {"youth": 1, "migrants": 1}
    assert counts["organisation_kinds"] == {"ngo": 2, "public_authority": 1}
    assert counts["languages"] == {"ro": 1, "it": 1}


@pytest.mark.parametrize(
    ("year_from", "year_to", "expected"),
    [
        (2019, None, {"Allotment garden", "Bridge housing desk"}),  # end open: 2020
        (None, 2016, {"Community garden school"}),  # no start: its end year
        (2016, 2017, set()),
        (2020, 2020, {"Allotment garden", "Bridge housing desk"}),
    ],
)
def test_year_ranges_and_their_counts(small, year_from, year_to, expected):
    results = _search(year_from=year_from, year_to=year_to, countries=("GR", "IT"))
    assert set(_titles(results)) == expected
    assert results.total == len(expected)
    # Years are counted under the other filters only (here: every country).
    assert _counts(results)["years"] == {"2018": 1, "2020": 1}


def test_a_search_counts_its_matches_only(small):
    results = _search(q="garden")
    assert sorted(_titles(results)) == ["Allotment garden", "Community garden school"]
    assert _counts(results) == {
        "themes": {"housing": 1, "health": 1, "education": 1},
        "target_groups": {"youth": 2, "migrants": 1},
        "countries": {"GR": 2},
        "languages": {"ro": 1, "en": 1},
        "organisation_kinds": {"ngo": 1},
        "years": {"2018": 1},
    }
    narrowed = _search(q="garden", languages=("en",))
    assert _titles(narrowed) == ["Community garden school"]
    assert _counts(narrowed)["languages"] == {"ro": 1, "en": 1}
    assert _counts(narrowed)["themes"] == {"education": 1}


def test_any_list_of_matching_ids_is_counted_and_kept_in_its_order(small):
    index = facet_index.current(index_version(kind=SEARCH_KIND))
    matches = [small["c"].pk, 10**9, small["draft"].pk, small["a"].pk]
    selection = index.select(PracticeFilters(), matches)
    # Unknown and unpublished ids are dropped, the order of the others kept.
    assert selection.ranked() == [small["c"].pk, small["a"].pk]
    assert selection.total() == 2
    assert selection.counts()["countries"] == {"GR": 2}
    narrowed = index.select(PracticeFilters(themes=("health",)), matches)
    assert narrowed.ranked() == [small["a"].pk]
    assert narrowed.counts()["themes"] == {"housing": 1, "health": 1, "education": 1}


def test_pages_follow_the_lists_orders(small):
    newest = _search(countries=("GR",), sort="newest")
    assert _titles(newest) == ["Community garden school", "Allotment garden"]
    by_title = _search(sort="title")
    assert _titles(by_title) == [
        "Allotment garden",
        "Bridge housing desk",
        "Community garden school",
    ]


def test_a_newly_published_practice_is_counted_after_the_version_moves_on(
    small, moderator
):
    before = index_version(kind=SEARCH_KIND)
    index = facet_index.current(before)
    assert _counts(_search(countries=("GR",)))["themes"] == {
        "housing": 1,
        "health": 1,
        "education": 1,
    }
    services.practice_transition(
        user=moderator, practice=small["draft"], action="published"
    )
    assert index_version(kind=SEARCH_KIND) > before
    results = _search(countries=("GR",), themes=("housing",))
    assert sorted(_titles(results)) == ["Allotment garden", "Draft garden"]
    assert _counts(results)["countries"] == {"GR": 2, "IT": 1}
    assert facet_index.current(index_version(kind=SEARCH_KIND)) is not index


def test_an_organisations_new_kind_is_counted_at_once(small):
    assert _counts(_search())["organisation_kinds"] == {"ngo": 2, "public_authority": 1}
    city = small["city"]
    city.kind = Organisation.Kind.NGO
    city.save()
    services.organisation_kind_changed(organisation=city)
    counts = practice_facets(filters=PracticeFilters(languages=("it",)))
    assert {v.value: v.count for v in counts["organisation_kinds"]} == {"ngo": 1}


def test_an_emptied_cache_rebuilds_the_index(small):
    index = facet_index.current(index_version(kind=SEARCH_KIND))
    # A change no service made (so no version moved), then the cache emptied.
    Practice.objects.filter(pk=small["b"].pk).update(status="archived")
    assert facet_index.current(index_version(kind=SEARCH_KIND)) is index
    cache.clear()
    rebuilt = facet_index.current(index_version(kind=SEARCH_KIND))
    assert rebuilt is not index
    assert rebuilt.select(PracticeFilters(), None).total() == 2


def test_memory_is_a_bit_per_practice_and_value(small):
    index = facet_index.current(index_version(kind=SEARCH_KIND))
    values = sum(len(rows) for rows in index.rows.values())
    assert index.bits.shape == (values, 1)  # three practices: one 64-bit word
    assert index.size == 3


def test_a_first_visit_counts_without_sql_once_the_index_is_built(
    small, django_assert_max_num_queries
):
    _search()  # builds the index (and the code lists)
    # A new combination: the index version, then the page's practices and
    # their text rows; no count query.
    with django_assert_max_num_queries(3):
        results = practice_search(
            filters=PracticeFilters(themes=("education",), year_to=2016),
            language="en",
            with_themes=False,
        )
    assert _titles(results) == ["Community garden school"]


def test_the_api_lists_theme_slugs_from_the_index_in_the_themes_order(small, client):
    from convivio.core.models import Theme

    practice = make_practice(
        title="Many themes", themes=["housing", "health", "education", "legal-aid"]
    )
    by_name = list(
        Theme.objects.filter(
            slug__in=["housing", "health", "education", "legal-aid"]
        ).values_list("slug", flat=True)
    )
    listed = client.get("/api/practices?q=themes").json()["items"]
    assert [item["themes"] for item in listed] == [by_name]
    detail = client.get(f"/api/practices/{practice.pk}").json()
    assert detail["themes"] == by_name


def test_the_api_keeps_a_page_until_the_practices_change(
    small, client, moderator, django_assert_max_num_queries
):
    first = client.get("/api/practices?country=GR").json()
    assert first["count"] == 2
    # Read again: the page kept, only the index version is read.
    with django_assert_max_num_queries(1):
        again = client.get("/api/practices?country=GR").json()
    assert again == first
    services.practice_transition(
        user=moderator, practice=small["draft"], action="published"
    )
    after = client.get("/api/practices?country=GR").json()
    assert after["count"] == 3
    assert after["items"][0]["title"] == "Draft garden"
