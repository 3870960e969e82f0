"""Helpers shared by the browser tests."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page, expect

TIMEOUT_MS = 10_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def field(page: Page, label: str) -> Locator:
    """The form field labelled `label`, whatever follows it (":", " *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\W*$"))


@contextmanager
def htmx_settled(page: Page, *, quiet_ms: int = 300) -> Iterator[None]:
    """Run the block, then wait until its HTMX requests are all answered and swapped.

    Waits for at least one HTMX request, none in flight, and `quiet_ms` without
    a new one: the list form can send two requests for one action (Enter in the
    search box fires both "submit" and "search"), and an action taken while one
    is in flight is lost when the answer replaces the form's inputs.
    """
    state = {"in_flight": 0, "done": 0, "last": time.monotonic()}

    def started(request) -> None:
        if request.headers.get("hx-request"):
            state["in_flight"] += 1
            state["last"] = time.monotonic()

    def ended(request) -> None:
        if request.headers.get("hx-request"):
            state["in_flight"] -= 1
            state["done"] += 1
            state["last"] = time.monotonic()

    events = {"request": started, "requestfinished": ended, "requestfailed": ended}
    for event, handler in events.items():
        page.on(event, handler)
    try:
        yield
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while not (
            state["done"]
            and state["in_flight"] == 0
            and time.monotonic() - state["last"] >= quiet_ms / 1000
        ):
            assert time.monotonic() < deadline, f"HTMX requests still going: {state}"
            page.wait_for_timeout(50)
    finally:
        for event, handler in events.items():
            page.remove_listener(event, handler)


def search_practices(page: Page, base_url: str, words: str) -> None:
    """Open the list page and search for `words` with Enter (HTMX, so JavaScript)."""
    page.goto(f"{base_url}/en/practices/")
    box = page.get_by_label("Search practices")
    box.fill(words)
    with htmx_settled(page):
        box.press("Enter")
    expect(page.locator(".result-count")).to_contain_text(f"for “{words}”")


def fill_practice_basics(page: Page, *, country: str) -> None:
    """The required fields of "Submit a practice", so a test can go on to its own."""
    field(page, "Title").fill("Shared kitchens")
    field(page, "Summary").fill("Newcomers and neighbours cook together.")
    field(page, "Country").select_option(label=country)
    page.get_by_role("checkbox", name="Employment", exact=True).check()
