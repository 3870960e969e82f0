"""Browser tests: Playwright (sync API) driving Debian's Chromium.

The browser is the system one at /usr/bin/chromium (Debian package `chromium`);
Playwright never downloads a browser here.  Run with `make test-browser`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    expect,
    sync_playwright,
)

from .helpers import DESKTOP, TIMEOUT_MS

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Let browser tests use Django's ORM next to Playwright's event loop.

    Playwright's sync API keeps an event loop running in this thread, so Django
    refuses ORM calls ("You cannot call this from an async context") unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set.  It is set around browser tests only: set
    for the whole process it would leak into other tests and their subprocesses
    (`check --deploy` rejects it with async.E001).
    """
    if item.get_closest_marker("browser") is None:
        return (yield)
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium "
            "(`apt-get install -y chromium`); the browser tests never download one."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageProblems(list):
    """What went wrong on the pages of one test, besides what the test checks.

    JavaScript errors, console errors (a CSP violation shows up there) and failed
    sub-resources (a stylesheet, script or icon answering 4xx/5xx).  A page that
    answers 404 on purpose is the test's business, so documents are left out.
    """

    def watch(self, page: Page) -> Page:
        page.on("pageerror", lambda error: self.append(f"page error: {error}"))
        page.on("console", lambda message: self._console(page, message))
        page.on("response", self._response)
        return page

    def _console(self, page: Page, message) -> None:
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource"):
            return  # reported with its address by _response
        if message.text.startswith(("htmx:sendAbort", "htmx:afterRequest")):
            return  # htmx logs a request it aborted itself (hx-sync) as an error
        self.append(f"console error on {page.url}: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.append(f"{response.status} for {response.url}")


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def new_page(browser, page_problems) -> Iterator:
    """Open a page in a fresh browser context (its own cookies: one visitor each).

    `new_page(javascript=False, viewport=PHONE)`.  At the end of the test, any
    JavaScript error, console error (a CSP violation) or failed stylesheet, script
    or image on any of its pages fails it.
    """
    contexts: list[BrowserContext] = []

    def open_page(*, javascript: bool = True, viewport: dict | None = None) -> Page:
        context = browser.new_context(
            java_script_enabled=javascript,
            viewport=viewport or DESKTOP,
            locale="en-GB",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return page_problems.watch(context.new_page())

    yield open_page
    for context in contexts:
        context.close()
    assert not page_problems, "\n".join(page_problems)


@pytest.fixture
def reference_data(transactional_db) -> None:
    """The countries, themes, target groups and languages a migration loads.

    Each transactional test ends with a flush that empties every table, these
    included.  `serialized_rollback` would restore them, but it keeps its copy on
    the connection object that existed before Playwright started its event loop,
    and once a loop runs in this thread asgiref hands Django a different one
    (context-local instead of thread-local).  So load them again, as the migration
    does (update_or_create: loading twice changes nothing).
    """
    from django.apps import apps

    for name in (
        "convivio.core.migrations.0002_reference_data",
        "convivio.plans.migrations.0002_dimensions",
    ):
        importlib.import_module(name).load(apps, None)


@pytest.fixture
def demo(reference_data) -> dict[str, str]:
    """Load the demo content (22 published practices); return {username: password}."""
    from tests.demo import demo_load

    loaded = demo_load()
    return {username: password for username, password, _role in loaded["accounts"]}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def sign_in(live_server):
    """`sign_in(page, username, password)` through the login form."""

    def submit(page: Page, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.locator("main").get_by_role("button", name="Sign in").click()
        expect(page.locator(".site-header summary")).to_have_text(username)

    return submit


@pytest.fixture
def member(reference_data) -> tuple[str, str]:
    """A signed-up member with no role: username and password for ``sign_in``."""
    from tests.factories import UserFactory

    UserFactory(username="member", password="correct-horse-battery")
    return "member", "correct-horse-battery"
