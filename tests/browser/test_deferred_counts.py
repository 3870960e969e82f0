"""On a large library the filter counts of a new query arrive just after the
results: the panel loads in place, and the address stays the visitor's query."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_filter_panel_loads_after_the_results(live_server, demo, new_page, settings):
    settings.CONVIVIO_INLINE_COUNTS_LIMIT = 1  # every query counts as large here
    page = new_page()
    page.goto(f"{live_server.url}/en/practices/?q=entrepreneurship")
    expect(page.locator(".results .practice-card").first).to_be_visible()
    greece = page.get_by_role("group", name="Country", exact=True).get_by_role(
        "checkbox", name=re.compile(r"^Greece\b")
    )
    expect(greece).to_be_visible()
    expect(page.get_by_text("Counting the filters")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/practices/\?q=entrepreneurship$"))
    # The loaded panel filters like the inline one.
    greece.check()
    expect(page).to_have_url(re.compile(r"[?&]country=GR(&|$)"))
    for meta in page.locator(".results .practice-card .meta").all_inner_texts():
        assert meta.startswith("Greece"), meta


def test_without_javascript_a_link_shows_the_filters(
    live_server, demo, new_page, settings
):
    settings.CONVIVIO_INLINE_COUNTS_LIMIT = 1
    page = new_page(javascript=False)
    page.goto(f"{live_server.url}/en/practices/?q=entrepreneurship")
    page.get_by_role("link", name="Show the filters").click()
    expect(page).to_have_url(re.compile(r"counts=1"))
    expect(
        page.get_by_role("group", name="Country", exact=True).get_by_role(
            "checkbox", name=re.compile(r"^Greece\b")
        )
    ).to_be_visible()
