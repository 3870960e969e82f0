"""Organisation pages show the organisation's published practices only."""

import pytest

from convivio.core.models import Organisation
from tests.factories import OrganisationFactory, make_practice

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_only_its_published_practices(client):
    organisation = OrganisationFactory(name="Casa dei Popoli")
    other = OrganisationFactory()
    roles = [(organisation.id, "implementing")]
    make_practice(title="Published language cafe", organisations=roles)
    make_practice(title="Draft welcome desk", status="draft", organisations=roles)
    make_practice(title="In review housing", status="in_review", organisations=roles)
    make_practice(title="Archived sports club", status="archived", organisations=roles)
    make_practice(
        title="Someone else's practice", organisations=[(other.id, "partner")]
    )

    response = client.get(f"/en/organisations/{organisation.slug}/")

    assert response.status_code == 200
    assert "Casa dei Popoli" in response.text
    assert "Published language cafe" in response.text
    for hidden in ("Draft welcome desk", "In review housing", "Archived sports club"):
        assert hidden not in response.text
    assert "Someone else" not in response.text


def test_organisation_without_practices_says_so(client):
    organisation = OrganisationFactory()
    response = client.get(f"/en/organisations/{organisation.slug}/")
    assert "No published practice yet." in response.text


def test_unknown_organisation_is_404(client):
    assert client.get("/en/organisations/no-such-org/").status_code == 404


def test_organisation_list_shows_every_organisation(client):
    OrganisationFactory(
        name="Comune di Bologna", kind=Organisation.Kind.PUBLIC_AUTHORITY
    )
    OrganisationFactory(name="Refugee Welcome")
    response = client.get("/en/organisations/")
    assert "Comune di Bologna" in response.text
    assert "Refugee Welcome" in response.text
