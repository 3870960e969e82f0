"""Place pickers in Chromium: typed and picked without JavaScript on a phone, and
filled from the server as one types (HTMX) when there are too many places to
send with the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import PHONE, fill_practice_basics

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def places(reference_data):
    from convivio.core.models import Territory

    spain = Territory.objects.get(iso_code="ES")
    region = Territory.objects.create(
        name="Andalucía", kind="region", country_code="ES", parent=spain
    )
    sevilla = Territory.objects.create(
        name="Sevilla", kind="province", country_code="ES", parent=region
    )
    villaverde = Territory.objects.create(
        name="Villaverde del Río",
        kind="municipality",
        country_code="ES",
        parent=sevilla,
    )
    return {"sevilla": sevilla, "villaverde": villaverde}


def test_places_typed_without_javascript_on_a_phone(
    live_server, new_page, sign_in, places, member
):
    from convivio.practices.models import Practice

    page = new_page(javascript=False, viewport=PHONE)
    sign_in(page, *member)
    page.goto(f"{live_server.url}/en/practices/submit/")
    fill_practice_basics(page, country="Spain")
    boxes = page.locator("input[name=places]")
    expect(boxes).to_have_count(2)  # no button to add one: two empty boxes
    boxes.nth(0).fill("villaverde del rio")
    boxes.nth(1).fill("Atlantis")
    page.get_by_role("button", name="Save as draft").click()
    # Refused with the reason; what was typed is still there.
    expect(page.locator(".field.has-error")).to_contain_text(
        "No place called “Atlantis” is known here"
    )
    expect(page.locator("input[name=places]").nth(1)).to_have_value("Atlantis")
    page.locator("input[name=places]").nth(1).fill("Sevilla (Andalucía)")
    page.get_by_role("button", name="Save as draft").click()
    expect(page).to_have_url(re.compile(r"/practices/\d+/$"))
    practice = Practice.objects.get()
    assert set(practice.territories.values_list("name", flat=True)) == {
        "Villaverde del Río",
        "Sevilla",
    }


def test_places_suggested_from_the_server_as_one_types(
    live_server, new_page, sign_in, places, member, monkeypatch
):
    from convivio.core import pickers

    # As with a country's thousands of municipalities: nothing sent with the page.
    monkeypatch.setattr(pickers, "SENT_WITH_PAGE", 1)
    page = new_page()
    sign_in(page, *member)
    page.goto(f"{live_server.url}/en/practices/submit/")
    box = page.locator("input[name=places]").first
    datalist = page.locator(f"datalist#{box.get_attribute('list')}")
    expect(datalist.locator("option")).to_have_count(0)
    box.press_sequentially("RIO", delay=30)
    expect(datalist.locator("option")).to_have_attribute(
        "value", "Villaverde del Río (Sevilla)"
    )
    # One more box, which suggests too.
    page.get_by_role("button", name="Add another place").click()
    boxes = page.locator("input[name=places]")
    expect(boxes).to_have_count(3)
    expect(boxes.nth(2)).to_be_focused()
    boxes.nth(2).press_sequentially("sevi", delay=30)
    expect(datalist.locator("option")).to_have_attribute("value", "Sevilla (Andalucía)")
