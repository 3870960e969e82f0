"""A visitor searches the practice library, narrows by country and opens a practice.

Once with JavaScript (HTMX live filtering, no page reload) and once without it
(the same form, submitted with the "Apply filters" button).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from convivio.practices.models import Practice

from .helpers import htmx_settled

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

QUERY = "entrepreneurship"
DETAIL_URL = re.compile(r"/practices/\d+/$")


def country_checkbox(page: Page, name: str):
    facet = page.get_by_role("group", name="Country", exact=True)
    return facet.get_by_role("checkbox", name=re.compile(rf"^{name}\b"))


def result_total(page: Page) -> int:
    text = page.locator(".result-count").inner_text()
    match = re.match(r"(\d+) practices?\b", text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def assert_all_in_country(page: Page, country: str) -> list[str]:
    """Every result card is in `country`; return the titles shown."""
    cards = page.locator(".results .practice-card")
    expect(cards.first).to_be_visible()
    titles = cards.locator("h3").all_inner_texts()
    assert titles
    for meta in cards.locator(".meta").all_inner_texts():
        assert meta.startswith(country), meta
    return titles


def open_first_result(page: Page) -> None:
    link = page.locator(".results .practice-card h3 a").first
    title = link.inner_text().strip()
    link.click()
    expect(page).to_have_url(DETAIL_URL)
    expect(page.locator("main h1")).to_have_text(title)
    expect(page.locator(".breadcrumbs")).to_contain_text("Greece")


def test_search_then_narrow_by_country_with_htmx(live_server, demo, new_page):
    published = Practice.objects.filter(status="published").count()
    page = new_page()
    page.goto(f"{live_server.url}/en/practices/")
    expect(page.locator(".result-count")).to_contain_text(f"{published} practices")
    # With JavaScript the form filters live: the no-JS button is hidden.
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()
    page.evaluate("window.stillTheSamePage = true")

    box = page.get_by_label("Search practices")
    box.fill(QUERY)
    with htmx_settled(page):
        box.press("Enter")
    expect(page.locator(".result-count")).to_contain_text(f"for “{QUERY}”")
    expect(page).to_have_url(re.compile(rf"[?&]q={QUERY}(&|$)"))
    found = result_total(page)
    assert 1 <= found < published

    with htmx_settled(page):
        country_checkbox(page, "Greece").check()
    expect(page).to_have_url(re.compile(r"[?&]country=GR(&|$)"))
    expect(country_checkbox(page, "Greece")).to_be_checked()
    expect(page.locator(".result-count")).not_to_contain_text(f"{found} practice")
    narrowed = result_total(page)
    assert 1 <= narrowed < found
    assert len(assert_all_in_country(page, "Greece")) == narrowed
    # The search is kept, and it all happened without a page load.
    expect(page.get_by_label("Search practices")).to_have_value(QUERY)
    assert page.evaluate("window.stillTheSamePage === true")
    assert page.locator("#results").count() == 1

    open_first_result(page)


def test_search_then_narrow_by_country_without_javascript(live_server, demo, new_page):
    page = new_page(javascript=False)
    page.goto(f"{live_server.url}/en/practices/")
    page.get_by_label("Search practices").fill(QUERY)
    page.locator("main").get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_contain_text(f"for “{QUERY}”")
    found = result_total(page)

    greece = country_checkbox(page, "Greece")
    greece.check()
    # Nothing happens until the form is sent.
    page.wait_for_timeout(300)
    assert "country=" not in page.url
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"[?&]country=GR(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]q={QUERY}(&|$)"))
    expect(country_checkbox(page, "Greece")).to_be_checked()
    narrowed = result_total(page)
    assert 1 <= narrowed < found
    assert len(assert_all_in_country(page, "Greece")) == narrowed

    open_first_result(page)
