"""List and detail pages issue as many queries with 30 rows as with 3 when every
record exists in five languages: the original (English; an organisation's
Italian) and four translations (Spanish and French by a person, German by a
machine, Portuguese outdated since the original changed after it was made).

Each page is read by a reader of /es/ (a translation present) and of /el/ (none:
the original is shown, with the note).  Within one test the page is measured
with 3 rows, grown to 30 and measured again: the two counts must be equal and
within the bound written next to the test.  The cache is cleared before each
measured request, since the pages keep rendered fragments: the cold path counts.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from convivio.core.models import Organisation
from convivio.core.translation import (
    Origin,
    Status,
    is_empty,
    language_statuses,
    save_original,
    save_translation,
)
from convivio.directory.models import Location
from convivio.practices import services as practice_services
from convivio.practices.models import CollectionItem
from tests.directory.test_services import make_service
from tests.factories import OrganisationFactory, make_practice
from tests.plans.factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_territory,
)

pytestmark = pytest.mark.django_db

SIZES = (3, 30)
READERS = ["es", "el"]


def in_five_languages(record, **original: str) -> None:
    """Write ``original`` (field texts) in ``record``'s original row, then give
    it four translations of every field the original has.

    Portuguese is written first, then the original's last given field changes,
    so the Portuguese row is outdated; the others follow the changed original.
    """
    *_, changed = original
    save_original(record, original)

    def translated(code: str) -> dict[str, object]:
        row = record.original_translation()
        return {
            name: f"{value} ({code})" if isinstance(value, str) else value
            for name in row.TRANSLATED_FIELDS
            if not is_empty(value := getattr(row, name))
        }

    save_translation(record, "pt", translated("pt"))
    save_original(record, {changed: f"{original[changed]}, revised"})
    for code, origin in [
        ("es", Origin.PERSON),
        ("de", Origin.MACHINE),
        ("fr", Origin.PERSON),
    ]:
        save_translation(record, code, translated(code), origin=origin)
    assert dict(language_statuses(record)) == {
        record.original_language_id: Status.ORIGINAL,
        "es": Status.REVIEWED,
        "de": Status.MACHINE,
        "fr": Status.REVIEWED,
        "pt": Status.OUTDATED,
    }


def shown(name: str, reader: str) -> str:
    """How a record's title reads on the reader's page."""
    return f"{name} (es)" if reader == "es" else name


def measure(client, url: str) -> tuple[HttpResponse, int]:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def same_at_both_sizes(
    client,
    url: Callable[[], str],
    grow: Callable[[int], list[str]],
    reader: str,
    bound: int,
    *,
    note: bool = False,
    title: str = "",
) -> None:
    """Grow the page's rows to 3 then 30 and measure it at each size.

    ``grow`` returns the rows' translated names, or with ``title`` (the page's
    record's translated title) names that are not translated.
    """
    counts = []
    for size in SIZES:
        names = grow(size)
        assert len(names) == size
        if not counts:
            client.get(url())  # a first request fills per-process look-ups
        response, count = measure(client, url())
        page = response.text
        missing = [n for n in names if (n if title else shown(n, reader)) not in page]
        if title:
            assert shown(title, reader) in page
        assert not missing, (url(), missing[:3])
        if note:
            assert ('class="translation-shown' in page) == (reader == "el")
        if reader == "el":
            # The originals shown on a Greek page carry their own language.
            assert 'lang="en"' in page
        counts.append(count)
    assert counts[0] == counts[1] <= bound, counts


# -- practices ----------------------------------------------------------------


def practice_grower(
    organisation: Organisation, then=None
) -> Callable[[int], list[str]]:
    """Adds practices of ``organisation`` (each in five languages) up to a size."""
    made: list[str] = []

    def grow(size: int) -> list[str]:
        for i in range(len(made), size):
            title = f"Housing practice {i:02d}"
            practice = make_practice(
                title=title,
                summary=f"Summary {i:02d} about housing.",
                organisations=[(organisation.id, "implementing")],
            )
            in_five_languages(
                practice, title=title, summary=f"Summary {i:02d} about housing."
            )
            if then is not None:
                then(practice, i)
            made.append(title)
        return made

    return grow


@pytest.fixture
def ngo(db) -> Organisation:
    organisation = OrganisationFactory(name="Big NGO", description="We house people.")
    in_five_languages(organisation, description="We house people.")
    return organisation


@pytest.fixture
def many_per_page(settings):
    settings.CONVIVIO_PAGE_SIZE = 100


@pytest.mark.parametrize("reader", READERS)
def test_practice_list(client, ngo, many_per_page, reader):
    # The filters' themes, target groups, countries and languages; the index's
    # version; the facets' slugs (themes, groups, countries); the count; the
    # facet counts; the page's ids; the practices; their translation rows.
    same_at_both_sizes(
        client, lambda: f"/{reader}/practices/", practice_grower(ngo), reader, 13
    )


@pytest.mark.parametrize("reader", READERS)
def test_practice_page(client, ngo, reader):
    """A practice in five languages with 3, then 30 partner organisations (each
    in five languages); a new practice at each size, since a published practice
    is read from its version."""
    partners = [OrganisationFactory(name=f"Partner {i:02d}") for i in range(30)]
    for partner in partners:
        in_five_languages(partner, description=f"{partner.name} helps.")
    practice = None

    def grow(size: int) -> list[str]:
        nonlocal practice
        practice = make_practice(
            title="Housing first",
            summary="Homes before all.",
            organisations=[(ngo.id, "implementing")]
            + [(p.id, "partner") for p in partners[:size]],
        )
        in_five_languages(practice, title="Housing first", summary="Homes before all.")
        return [p.name for p in partners[:size]]

    # The practice's version, then the article: the practice, its translation
    # rows, their languages, themes, target groups, places, links,
    # organisations, evaluations.
    same_at_both_sizes(
        client,
        lambda: practice.get_absolute_url().replace("/en/", f"/{reader}/"),
        grow,
        reader,
        10,
        note=True,
        title="Housing first",
    )


@pytest.mark.parametrize("reader", READERS)
def test_collection_page(client, ngo, moderator, reader):
    collection = practice_services.collection_create(
        user=moderator, title="Housing", language="en", introduction="Read these."
    )
    in_five_languages(collection, title="Housing", introduction="Read these.")

    def add(practice, i):
        CollectionItem.objects.create(
            collection=collection, practice=practice, position=i
        )

    # The collection, its translation rows, its practices, theirs, and the
    # items' order.
    same_at_both_sizes(
        client,
        lambda: collection.get_absolute_url().replace("/en/", f"/{reader}/"),
        practice_grower(ngo, then=add),
        reader,
        5,
        note=True,
    )


@pytest.mark.parametrize("reader", READERS)
def test_organisation_page(client, ngo, reader):
    # The organisation, its description's translation rows, its practices and
    # theirs.
    same_at_both_sizes(
        client,
        lambda: f"/{reader}/organisations/{ngo.slug}/",
        practice_grower(ngo),
        reader,
        4,
        note=True,
    )


# -- directory ----------------------------------------------------------------


def service_grower(organisation: Organisation) -> Callable[[int], list[str]]:
    made: list[str] = []

    def grow(size: int) -> list[str]:
        for i in range(len(made), size):
            name = f"Legal desk {i:02d}"
            service = make_service(organisation, name)
            in_five_languages(service, name=name, description=f"Desk {i:02d} helps.")
            made.append(name)
        return made

    return grow


@pytest.mark.parametrize("reader", READERS)
def test_directory_list(client, ngo, many_per_page, reader):
    # The page's services ordered by name in the reader's language, the
    # services, their translation rows, schedules, languages, places; the
    # filters' themes, languages, target groups and territories.
    same_at_both_sizes(
        client, lambda: f"/{reader}/directory/", service_grower(ngo), reader, 10
    )


@pytest.mark.parametrize("reader", READERS)
def test_service_page(client, ngo, reader):
    """One service in five languages at 3, then 30 places."""
    service = make_service(ngo, "Legal desk")
    in_five_languages(service, name="Legal desk", description="Free advice.")
    places: list[str] = []

    def grow(size: int) -> list[str]:
        for i in range(len(places), size):
            location = Location.objects.create(
                organisation=ngo, name=f"Office {i:02d}", city="Vila Nova"
            )
            service.service_locations.create(location=location)
            places.append(location.name)
        return places

    # The service with its organisation, its translation rows, themes, target
    # groups, languages, schedules, phones, contacts, places.
    same_at_both_sizes(
        client,
        lambda: f"/{reader}/directory/services/{service.pk}/",
        grow,
        reader,
        9,
        note=True,
        title="Legal desk",
    )


# -- plans --------------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_plan_list(client, reader):
    made: list[str] = []

    def grow(size: int) -> list[str]:
        for i in range(len(made), size):
            title = f"Integration plan {i:02d}"
            plan = make_plan(make_territory(f"Vila {i:02d}"), title=title)
            in_five_languages(plan, title=title, summary=f"Plan {i:02d} in brief.")
            made.append(title)
        return made

    # The plans with their territories and organisations, their translation
    # rows, the filter's territories.
    same_at_both_sizes(client, lambda: f"/{reader}/plans/", grow, reader, 3)


@pytest.fixture
def plan(db):
    plan = make_plan(make_territory("Vale Novo"), title="Vale Novo plan")
    in_five_languages(plan, title="Vale Novo plan", summary="Everybody at home.")
    return plan


def measure_grower(plan) -> Callable[[int], list[str]]:
    """Measures (each in five languages, with an indicator in five languages and
    a value) up to a size, under one area."""
    area = make_node(plan, "Housing", kind="area", code="1")
    in_five_languages(area, title="Housing", text="Homes.")
    made: list[str] = []

    def grow(size: int) -> list[str]:
        for i in range(len(made), size):
            title = f"Measure {i:02d}"
            node = make_node(plan, title, parent=area, code=f"1.{i + 1}")
            in_five_languages(node, title=title, text=f"Measure {i:02d} in brief.")
            indicator = make_indicator(node, f"Indicator {i:02d}", target_value=10)
            in_five_languages(indicator, name=f"Indicator {i:02d}", definition="Count.")
            make_observation(indicator, "2024", 5 + i)
            made.append(title)
        return made

    return grow


@pytest.mark.parametrize("reader", READERS)
def test_plan_page(client, plan, reader):
    # The plan, its translation rows, its themes, the plan of its version; its
    # nodes, theirs, responsibilities, linked practices; indicators, theirs,
    # their dimensions; recommendations.
    same_at_both_sizes(
        client,
        lambda: f"/{reader}/plans/{plan.pk}/",
        measure_grower(plan),
        reader,
        12,
        note=True,
    )


@pytest.mark.parametrize("reader", READERS)
def test_plan_dashboard(client, plan, reader):
    grow = measure_grower(plan)

    def indicators(size: int) -> list[str]:
        return [title.replace("Measure", "Indicator") for title in grow(size)]

    # The plan, its translation rows; the nodes, theirs; the indicators,
    # theirs, their dimensions; the observations; the targets.
    same_at_both_sizes(
        client,
        lambda: f"/{reader}/plans/{plan.pk}/dashboard/",
        indicators,
        reader,
        9,
    )
