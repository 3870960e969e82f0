"""The facet table follows each practice's relations."""

import pytest

from convivio.practices import services
from convivio.practices.facets import facets_rebuild
from convivio.practices.models import PracticeFacet
from tests.factories import OrganisationFactory, make_practice, practice_data

pytestmark = pytest.mark.django_db


def _rows(practice) -> set[tuple[str, str]]:
    return set(
        PracticeFacet.objects.filter(practice=practice).values_list("facet", "value")
    )


def test_a_new_practice_has_a_row_for_each_value_it_is_counted_under():
    organisation = OrganisationFactory(kind="migrant_association")
    practice = make_practice(
        themes=["housing", "health"],
        target_groups=["youth"],
        country="GR",
        language="ro",
        start_year=2018,
        organisations=[(organisation.id, "implementing")],
    )
    assert _rows(practice) == {
        ("themes", "housing"),
        ("themes", "health"),
        ("target_groups", "youth"),
        ("countries", "GR"),
        ("languages", "ro"),
        ("organisation_kinds", "migrant_association"),
        ("years", "2018"),
    }


def test_an_edit_replaces_the_rows_and_the_counts_follow(client, moderator):
    practice = make_practice(themes=["housing"], start_year=None)
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(themes=["education"], start_year=None, end_year=None),
    )
    assert ("themes", "education") in _rows(practice)
    assert ("themes", "housing") not in _rows(practice)
    page = client.get("/en/practices/?theme=education").text
    assert "1 practice" in page


def test_a_rebuild_gives_the_same_rows_as_the_services():
    practices = [make_practice(themes=["housing", "language"]) for _ in range(3)]
    before = {p.pk: _rows(p) for p in practices}
    PracticeFacet.objects.all().delete()
    facets_rebuild()
    assert {p.pk: _rows(p) for p in practices} == before


def test_only_published_practices_have_rows(moderator):
    draft = make_practice(status="draft", themes=["housing"])
    assert _rows(draft) == set()
    published = services.practice_transition(
        user=moderator, practice=draft, action="published"
    )
    assert ("themes", "housing") in _rows(published)
    services.practice_transition(user=moderator, practice=published, action="archived")
    assert _rows(published) == set()


def test_changing_an_organisations_kind_in_the_admin_moves_its_counts(
    client, admin_user
):
    organisation = OrganisationFactory(kind="ngo")
    practice = make_practice(organisations=[(organisation.id, "implementing")])
    client.force_login(admin_user)
    response = client.post(
        f"/en/admin/core/organisation/{organisation.pk}/change/",
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "kind": "migrant_association",
            "original_language": organisation.original_language_id,
            "territory": organisation.territory_id,
            "website": "",
            "email": "",
            "phone": "",
            # The description's rows (an inline), left as they are.
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert ("organisation_kinds", "migrant_association") in _rows(practice)
    assert ("organisation_kinds", "ngo") not in _rows(practice)
