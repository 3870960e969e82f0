"""Reads: the faceted list, its counts, sorting and pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from convivio.core.models import Organisation
from convivio.practices.models import Practice
from convivio.practices.selectors import PracticeFilters, practice_search
from tests.factories import OrganisationFactory, make_practice

pytestmark = pytest.mark.django_db


def _search(page=1, page_size=20, **filters):
    return practice_search(
        filters=PracticeFilters(**filters),
        language="en",
        page=page,
        page_size=page_size,
    )


def _titles(results):
    return [p.shown.title for p in results.practices]


def _counts(results, facet):
    return {v.value: v.count for v in results.facets[facet]}


@pytest.fixture
def library(db):
    """Four published practices and one of each unpublished status."""
    ngo = OrganisationFactory(kind=Organisation.Kind.NGO)
    city = OrganisationFactory(kind=Organisation.Kind.PUBLIC_AUTHORITY)
    make_practice(
        title="Business mentors",
        country="ES",
        themes=["entrepreneurship", "employment"],
        target_groups=["migrant-women"],
        organisations=[(ngo.id, "implementing")],
        start_year=2016,
        end_year=2018,
    )
    make_practice(
        title="Housing desk",
        country="ES",
        themes=["housing"],
        organisations=[(city.id, "implementing"), (ngo.id, "partner")],
        start_year=2019,
        end_year=2022,
    )
    make_practice(
        title="Casa comune",
        country="IT",
        language="it",
        themes=["housing"],
        target_groups=["refugees-asylum-seekers"],
        organisations=[(city.id, "implementing")],
        start_year=2021,
        end_year=None,
    )
    make_practice(
        title="Ghid pentru locuințe",
        country="RO",
        language="ro",
        themes=["housing", "legal-aid"],
        start_year=2023,
        end_year=2024,
    )
    for status in ("draft", "in_review", "archived"):
        make_practice(
            title=f"Hidden {status} housing", status=status, themes=["housing"]
        )


def test_without_filters_lists_every_published_practice_newest_first(library):
    results = _search()
    assert results.total == 4
    assert _titles(results) == [
        "Ghid pentru locuințe",
        "Casa comune",
        "Housing desk",
        "Business mentors",
    ]


def test_unpublished_practices_are_never_listed_counted_or_found(library):
    for results in (
        _search(),
        _search(q="hidden housing"),
        _search(themes=("housing",)),
        _search(sort="title"),
    ):
        assert not any("Hidden" in t for t in _titles(results))
    assert _search(q="hidden").total == 0
    assert _counts(_search(), "themes")["housing"] == 3


def test_facet_counts_of_the_whole_library(library):
    results = _search()
    assert _counts(results, "countries") == {"ES": 2, "IT": 1, "RO": 1}
    assert _counts(results, "themes") == {
        "entrepreneurship": 1,
        "employment": 1,
        "housing": 3,
        "legal-aid": 1,
    }
    assert _counts(results, "languages") == {"en": 2, "it": 1, "ro": 1}
    assert _counts(results, "organisation_kinds") == {"ngo": 2, "public_authority": 2}
    assert _counts(results, "target_groups") == {
        "migrant-women": 1,
        "refugees-asylum-seekers": 1,
        "migrants": 2,
    }
    assert _counts(results, "years") == {"2016": 1, "2019": 1, "2021": 1, "2023": 1}


def test_each_facet_is_counted_under_the_other_facets_filters(library):
    results = _search(themes=("housing",), countries=("ES",))
    assert _titles(results) == ["Housing desk"]
    # Countries are counted among housing practices, whatever the country filter.
    assert _counts(results, "countries") == {"ES": 1, "IT": 1, "RO": 1}
    # Themes are counted among Spanish practices, whatever the theme filter.
    assert _counts(results, "themes") == {
        "entrepreneurship": 1,
        "employment": 1,
        "housing": 1,
    }
    # Other facets are counted under both filters.
    assert _counts(results, "languages") == {"en": 1}
    selected = {v.value for v in results.facets["themes"] if v.selected}
    assert selected == {"housing"}


def test_selected_value_stays_visible_with_a_zero_count(library):
    results = _search(countries=("ES",), languages=("it",))
    assert results.total == 0
    countries = {v.value: (v.count, v.selected) for v in results.facets["countries"]}
    assert countries["ES"] == (0, True)


def test_values_of_one_facet_combine_with_or_and_facets_with_and(library):
    assert sorted(_titles(_search(countries=("IT", "RO")))) == [
        "Casa comune",
        "Ghid pentru locuințe",
    ]
    assert _titles(_search(countries=("IT", "RO"), themes=("legal-aid",))) == [
        "Ghid pentru locuințe"
    ]
    assert _titles(_search(organisation_kinds=("ngo",), themes=("housing",))) == [
        "Housing desk"
    ]
    assert _titles(_search(target_groups=("migrant-women",))) == ["Business mentors"]


@pytest.mark.parametrize(
    ("year_from", "year_to", "expected"),
    [
        (2017, 2017, {"Business mentors"}),  # inside 2016–2018
        (2018, 2019, {"Business mentors", "Housing desk"}),  # touching both ends
        (2022, None, {"Housing desk", "Ghid pentru locuințe"}),
        (None, 2016, {"Business mentors"}),
        (2021, 2021, {"Housing desk", "Casa comune"}),  # start-only practice: 2021
        (2022, 2022, {"Housing desk"}),
        (2030, None, set()),
    ],
)
def test_year_range_keeps_practices_that_overlap_it(
    library, year_from, year_to, expected
):
    results = _search(year_from=year_from, year_to=year_to)
    assert set(_titles(results)) == expected
    assert results.total == len(expected)


def test_sort_by_title_ignores_case(library):
    make_practice(title="apprentices on site", country="ES")
    assert _titles(_search(sort="title"))[:3] == [
        "apprentices on site",
        "Business mentors",
        "Casa comune",
    ]


def test_sort_newest_follows_publication_date(library):
    Practice.objects.filter(translations__title="Business mentors").update(
        published_at=timezone.now() + dt.timedelta(days=1)
    )
    assert _titles(_search(sort="newest"))[0] == "Business mentors"


def test_search_defaults_to_relevance_with_title_matches_first(db):
    make_practice(
        title="Language cafe",
        summary="Conversation evenings.",
        description="Volunteers also give housing advice once a month.",
    )
    make_practice(title="Housing advice desk", summary="Help with rent contracts.")
    results = _search(q="housing advice")
    assert _titles(results) == ["Housing advice desk", "Language cafe"]
    assert results.total == 2


def test_relevance_without_words_falls_back_to_newest(library):
    assert PracticeFilters(sort="relevance").effective_sort == "newest"
    assert _titles(_search(sort="relevance"))[0] == "Ghid pentru locuințe"


def test_search_and_facets_combine(library):
    results = _search(q="housing", countries=("ES",))
    assert _titles(results) == ["Housing desk"]
    assert results.total == 1
    # The country counts follow the search, not the country filter.
    assert _counts(results, "countries")["ES"] == 1


def test_pagination_splits_and_clamps(db):
    for n in range(5):
        make_practice(title=f"Practice {n}")
    first = _search(page=1, page_size=2, sort="title")
    assert _titles(first) == ["Practice 0", "Practice 1"]
    assert (first.total, first.pages, first.has_previous, first.has_next) == (
        5,
        3,
        False,
        True,
    )
    last = _search(page=3, page_size=2, sort="title")
    assert _titles(last) == ["Practice 4"]
    assert (last.has_previous, last.has_next) == (True, False)
    beyond = _search(page=99, page_size=2, sort="title")
    assert beyond.page == 3
    assert _titles(beyond) == ["Practice 4"]


def test_pagination_of_search_results(db):
    for n in range(5):
        make_practice(title=f"Garden project {n}")
    pages = [_titles(_search(q="garden", page=p, page_size=2)) for p in (1, 2, 3)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert len({t for page in pages for t in page}) == 5


def test_titles_are_shown_in_the_requested_language_when_translated(library):
    results = practice_search(filters=PracticeFilters(), language="it")
    assert "Casa comune" in _titles(results)
    shown = {p.shown.title: p.shown.language_id for p in results.practices}
    assert shown["Business mentors"] == "en"  # no Italian text: the original
