"""Submit a practice: pick organisations by typing (no JavaScript needed) and
add one's own organisation in place, moderated, without making a duplicate."""

import pytest
from bs4 import BeautifulSoup

from convivio.core.models import Organisation
from convivio.core.services import organisation_propose
from convivio.practices.models import Practice
from tests.factories import OrganisationFactory, UserFactory, make_practice

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "language": "en",
        "title": "Neighbourhood welcome walks",
        "summary": "Residents show newcomers around their district.",
        "country": "IT",
        "start_year": "2020",
        "end_year": "2023",
        "funding_currency": "EUR",
        "themes": ["reception"],
        "target_groups": ["migrants"],
    }
    data.update(overrides)
    return data


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def kepa(db):
    return OrganisationFactory(
        name="K.E.P.A. — Center for Business & Cultural Development"
    )


def test_the_picker_is_a_text_input_with_suggestions(
    client, user, kepa, django_assert_max_num_queries
):
    someone = UserFactory()
    organisation_propose(actor=someone, name="Somebody Else's Proposal")
    hidden = OrganisationFactory(name="Known Only From A Draft")
    make_practice(status="draft", organisations=[(hidden.pk, "implementing")])
    mine = organisation_propose(actor=user, name="My Own Proposal")
    client.force_login(user)
    with django_assert_max_num_queries(25):
        response = client.get("/en/practices/submit/")
    page = _page(response)
    box = page.select_one("input[name=implementing]")
    assert box["type"] == "text"
    options = {o["value"] for o in page.select(f"datalist#{box['list']} option")}
    assert kepa.name in options
    assert mine.name in options
    assert "Somebody Else's Proposal" not in options
    assert "Known Only From A Draft" not in options
    # Adding one's organisation is offered in the same form, without script.
    assert page.select_one("details.org-new input[name=new_organisation_name]")


def test_organisation_and_place_lists_share_one_picker(client, user, kepa):
    """Both lists are the same picker: a box per record and an empty one, each
    further box named for a screen reader; only places get "add another"."""
    client.force_login(user)
    # The form comes back (no title) with the organisation typed.
    response = client.post(
        "/en/practices/submit/", _form(implementing=[kepa.name], title="")
    )
    assert not Practice.objects.exists()
    page = _page(response)
    boxes = page.select("input[name=implementing]")
    assert [b.get("value") for b in boxes] == [kepa.name, ""]
    assert boxes[1]["aria-label"] == "Organisation 2"
    assert boxes[1]["list"] == boxes[0]["list"]
    assert "data-add-label" not in boxes[0].parent.attrs
    places = page.select("input[name=places]")
    assert places[1]["aria-label"] == "Place 2"
    assert places[0].parent["data-add-label"] == "Add another place"
    assert places[0].parent["data-input-label"] == "Place %(n)s"


def test_a_typed_acronym_finds_the_organisation_without_javascript(client, user, kepa):
    client.force_login(user)
    response = client.post("/en/practices/submit/", _form(implementing=["kepa"]))
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert list(practice.organisations.all()) == [kepa]


def test_an_unknown_name_is_said_and_nothing_is_saved(client, user):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/", _form(implementing=["No Such Organisation"])
    )
    assert response.status_code == 200
    errors = _page(response).select_one(".field.has-error")
    assert "No organisation called “No Such Organisation”" in errors.get_text()
    # What was typed is kept.
    assert _page(response).select_one("input[name=implementing]")["value"] == (
        "No Such Organisation"
    )
    assert not Practice.objects.exists()


def test_a_member_adds_their_organisation_in_place(client, user):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/",
        _form(
            new_organisation_name="Associazione Nuovi Vicini",
            new_organisation_website="nuovivicini.example",
            new_organisation_territory="Italy",
            new_organisation_role="implementing",
        ),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Associazione Nuovi Vicini")
    assert organisation.status == Organisation.Status.PROPOSED
    assert organisation.created_by == user
    assert organisation.kind == Organisation.Kind.NGO
    assert organisation.website == "https://nuovivicini.example"
    assert organisation.territory.iso_code == "IT"
    practice = Practice.objects.get()
    assert practice.organisation_roles.get().organisation == organisation
    # Usable by its author at once, listed in public only once approved.
    assert "Associazione Nuovi Vicini" in {
        o["value"]
        for o in _page(client.get("/en/practices/submit/")).select("datalist option")
    }
    client.logout()
    assert "Associazione Nuovi Vicini" not in client.get("/en/organisations/").text


def test_a_name_that_looks_like_a_known_one_asks_first(client, user, kepa):
    client.force_login(user)
    form = _form(new_organisation_name="KEPA", new_organisation_role="partner")
    response = client.post("/en/practices/submit/", form)
    assert response.status_code == 200
    page = _page(response)
    question = page.select_one("fieldset.org-matches")
    assert "“KEPA” looks like an organisation already here" in question.get_text()
    choices = {
        radio["value"]: radio.parent.get_text(" ", strip=True)
        for radio in question.select("input[type=radio]")
    }
    assert choices[str(kepa.pk)].startswith(f"Use {kepa.name}")
    assert "new" in choices
    assert not Practice.objects.exists()
    assert Organisation.objects.count() == 1

    # "Use it": the practice gets the known organisation, nothing is added.
    response = client.post(
        "/en/practices/submit/", {**form, "new_organisation_choice": str(kepa.pk)}
    )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert [(r.organisation, r.role) for r in practice.organisation_roles.all()] == [
        (kepa, "partner")
    ]
    assert Organisation.objects.count() == 1


def test_saying_it_is_another_organisation_adds_it(client, user, kepa):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/",
        _form(new_organisation_name="KEPA", new_organisation_choice="new"),
    )
    assert response.status_code == 302
    added = Organisation.objects.exclude(pk=kepa.pk).get()
    assert added.name == "KEPA"
    assert added.status == Organisation.Status.PROPOSED


def test_an_invalid_practice_adds_no_organisation(client, user):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/",
        _form(title="", new_organisation_name="Associazione Nuovi Vicini"),
    )
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    # The organisation typed is still there to send again.
    page = _page(response)
    assert page.select_one("input[name=new_organisation_name]")["value"] == (
        "Associazione Nuovi Vicini"
    )
    assert page.select_one("details.org-new").has_attr("open")


def test_suggestions_as_one_types(client, user, kepa):
    client.force_login(user)
    response = client.get(
        "/en/organisations/suggestions/",
        {"field": "implementing", "implementing": "kep"},
    )
    options = [o["value"] for o in _page(response).select("option")]
    assert options == [kepa.name]


def test_too_many_organisations_are_suggested_by_the_server(
    client, user, kepa, monkeypatch
):
    monkeypatch.setattr("convivio.core.organisation_pickers.OPTIONS_LIMIT", 1)
    OrganisationFactory(name="Casa dei Popoli")
    client.force_login(user)
    page = _page(client.get("/en/practices/submit/"))
    box = page.select_one("input[name=implementing]")
    assert box["hx-get"] == "/en/organisations/suggestions/"
    assert box["hx-target"] == f"#{box['list']}"
    assert page.select(f"datalist#{box['list']} option") == []


def test_a_name_that_may_mean_several_asks_which(client, user):
    netherlands = OrganisationFactory(
        name="IOM Netherlands (International Organization for Migration)"
    )
    OrganisationFactory(name="IOM Slovenia (International Organization for Migration)")
    client.force_login(user)
    response = client.post("/en/practices/submit/", _form(implementing=["IOM"]))
    error = _page(response).select_one(".field.has-error .errorlist").get_text()
    assert "“IOM” may be any of" in error
    assert "IOM Slovenia" in error and "IOM Netherlands" in error
    assert not Practice.objects.exists()
    # The country in another language is enough to tell them apart.
    response = client.post("/en/practices/submit/", _form(implementing=["IOM Olanda"]))
    assert response.status_code == 302
    assert list(Practice.objects.get().organisations.all()) == [netherlands]
