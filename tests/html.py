"""Reading pages in tests by their elements.

A figure is asserted on the element that holds it, never searched in the whole
page: a random CSP nonce or CSRF token can contain any short number.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def soup_of(response_or_html) -> BeautifulSoup:
    """The parsed page of a test client response (or of an HTML string)."""
    content = getattr(response_or_html, "content", response_or_html)
    return BeautifulSoup(content, "html.parser")


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def text_of(response_or_html, selector: str) -> str:
    """The text of the one element ``selector`` picks, spaces collapsed.

    Fails when the selector picks nothing or more than one element, so that a
    test cannot pass by reading the wrong place.
    """
    found = soup_of(response_or_html).select(selector)
    assert len(found) == 1, f"{selector!r} picks {len(found)} elements"
    return _text(found[0])


def texts_of(response_or_html, selector: str) -> list[str]:
    """The texts of every element ``selector`` picks, in page order."""
    return [_text(tag) for tag in soup_of(response_or_html).select(selector)]


def table_of(response_or_html, selector: str) -> list[list[str]]:
    """The rows of the table ``selector`` picks, each a list of cell texts."""
    found = soup_of(response_or_html).select(selector)
    assert len(found) == 1, f"{selector!r} picks {len(found)} elements"
    return [
        [_text(cell) for cell in row.find_all(["th", "td"])]
        for row in found[0].find_all("tr")
    ]
