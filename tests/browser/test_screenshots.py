"""Screenshots of the list and detail pages at phone and desktop widths.

Saved under test-artifacts/screenshots/ for people to look at; the test checks
that they are real images and that nothing is wider than a phone screen.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from convivio.demo.practices import DEMO_PREFIX
from convivio.practices.models import Practice
from tests.demo.practices_content import EVALUATION

from .helpers import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Elements whose right edge passes the viewport, for a useful failure message.
WIDER_THAN_SCREEN = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 10)
    .map((el) => el.tagName.toLowerCase()
         + (el.id ? "#" + el.id : "")
         + (el.className && typeof el.className === "string"
            ? "." + el.className.trim().split(/\\s+/).join(".") : "")
         + " right=" + Math.round(el.getBoundingClientRect().right));
}"""


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def shoot(page: Page, folder: Path, name: str, viewport: dict) -> Path:
    path = folder / f"{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 15_000, f"{path} is suspiciously small"
    width, height = png_size(path)
    assert width == viewport["width"], (path, width)
    assert height >= viewport["height"], (path, height)
    return path


def assert_fits_width(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways at {inner_width}px (content is "
        f"{scroll_width}px wide): {page.evaluate(WIDER_THAN_SCREEN)}"
    )


def test_list_and_detail_screenshots(live_server, demo, new_page, sign_in, screenshots):
    # The practice with an evaluation shows the most: scores, organisations, links.
    practice = Practice.objects.get(source_key=DEMO_PREFIX + EVALUATION["practice"])
    list_url = f"{live_server.url}/en/practices/"
    detail_url = f"{live_server.url}{practice.get_absolute_url()}"

    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(viewport=viewport)
        page.goto(list_url)
        expect(page.locator(".practice-card").first).to_be_visible()
        shoot(page, screenshots, f"list-{label}", viewport)
        page.goto(detail_url)
        expect(page.locator("main h1")).to_be_visible()
        shoot(page, screenshots, f"detail-{label}", viewport)
        if viewport is PHONE:
            assert_fits_width(page)
            page.goto(list_url)
            assert_fits_width(page)
            # On a phone the filters start folded; unfolded they must fit too.
            filters = page.locator("#filters")
            if filters.count() and not filters.evaluate("el => el.open"):
                filters.locator("summary").click()
            expect(
                page.get_by_role("group", name="Country", exact=True)
            ).to_be_visible()
            assert_fits_width(page)
            shoot(page, screenshots, "list-filters-phone", viewport)

    # What a moderator sees on a phone: the account menu and the Manage panel.
    page = new_page(viewport=PHONE)
    sign_in(page, "moderator", demo["moderator"])
    page.goto(detail_url)
    expect(page.get_by_role("heading", name="Manage")).to_be_visible()
    assert_fits_width(page)
    shoot(page, screenshots, "detail-moderator-phone", PHONE)
