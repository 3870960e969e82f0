"""The organisation picker of "Submit a practice" in Chromium: an acronym typed
without JavaScript on a phone, and one's own organisation added in place after
the form asked whether it is one already known."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import DESKTOP, PHONE, fill_practice_basics

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def kepa(reference_data):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="K.E.P.A. — Center for Business & Cultural Development"
    )


def test_an_acronym_typed_without_javascript_on_a_phone(
    live_server, new_page, sign_in, kepa, member
):
    from convivio.practices.models import Practice

    page = new_page(javascript=False, viewport=PHONE)
    sign_in(page, *member)
    page.goto(f"{live_server.url}/en/practices/submit/")
    fill_practice_basics(page, country="Greece")
    page.locator("input[name=implementing]").first.fill("kepa")
    page.get_by_role("button", name="Save as draft").click()
    expect(page).to_have_url(re.compile(r"/practices/\d+/$"))
    practice = Practice.objects.get()
    assert list(practice.organisations.all()) == [kepa]


def test_adding_ones_organisation_asks_about_a_look_alike_first(
    live_server, new_page, sign_in, kepa, member
):
    from convivio.core.models import Organisation
    from convivio.practices.models import Practice

    page = new_page(viewport=DESKTOP)
    sign_in(page, *member)
    page.goto(f"{live_server.url}/en/practices/submit/")
    fill_practice_basics(page, country="Greece")
    page.get_by_text("Your organisation is not in the list? Add it").click()
    page.get_by_label("Name of the organisation").fill("KEPA")
    page.get_by_role("button", name="Save as draft").click()
    question = page.locator("fieldset.org-matches")
    expect(question).to_contain_text("“KEPA” looks like an organisation already here")
    page.get_by_role("radio", name=re.compile("No: add “KEPA”")).check()
    page.get_by_label("Website").fill("https://kepa.example")
    page.get_by_role("button", name="Save as draft").click()
    expect(page).to_have_url(re.compile(r"/practices/\d+/$"))
    added = Organisation.objects.get(name="KEPA")
    assert added.status == Organisation.Status.PROPOSED
    assert added.website == "https://kepa.example"
    assert list(Practice.objects.get().organisations.all()) == [added]
