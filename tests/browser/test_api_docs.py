"""/api/docs shows the API's operations, from our own files, under our CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_list_the_operations(live_server, new_page):
    page = new_page()
    outside: list[str] = []

    def record(request) -> None:
        if not request.url.startswith((live_server.url, "data:")):
            outside.append(request.url)

    page.on("request", record)
    page.goto(f"{live_server.url}/api/docs")
    expect(page.get_by_role("heading", name="Convivio API")).to_be_visible()
    practices = page.locator(".opblock-get", has_text="/api/practices").first
    expect(practices).to_be_visible()
    # An operation opens with its parameters, as a person reading the docs expects.
    page.locator(".opblock-summary-path", has_text="/api/practices").first.click()
    expect(practices.get_by_text("theme", exact=True)).to_be_visible()
    assert page.locator(".opblock").count() > 10
    # Nothing from a CDN: a server without internet shows the same page.
    assert outside == []
    # (A CSP violation or a failed script would fail the test through new_page.)
