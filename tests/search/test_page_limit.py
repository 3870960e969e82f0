"""The search page counts at most PAGE_WORDS_LIMIT word matches per kind, and
says when a count is a lower bound."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.search import selectors
from tests.factories import make_practice
from tests.html import text_of, texts_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cafes():
    return [make_practice(title=f"Language cafe number {n}") for n in range(3)]


def test_a_kind_past_the_limit_is_counted_as_more_than(
    client, monkeypatch, three_cafes
):
    monkeypatch.setattr(selectors, "PAGE_WORDS_LIMIT", 2)
    results = selectors.search_everything(
        query="cafe", user=None, language="en", kinds=None
    )
    assert results.counts["practice"] == 2
    assert results.capped == {"practice"}
    page = client.get(reverse("search:search"), {"q": "cafe"})
    assert text_of(page, ".result-count").startswith("More than 2 results")
    assert texts_of(page, ".count") == ["2+", "2+"]  # All, Practices


def test_under_the_limit_the_count_is_exact(client, three_cafes):
    results = selectors.search_everything(
        query="cafe", user=None, language="en", kinds=None
    )
    assert results.counts["practice"] == 3
    assert results.capped == frozenset()
    page = client.get(reverse("search:search"), {"q": "cafe"})
    assert text_of(page, ".result-count").startswith("3 results")
    assert texts_of(page, ".count") == ["3", "3"]
    api = client.get("/api/search", {"q": "cafe"}).json()
    assert {c["kind"]: (c["count"], c["more"]) for c in api["counts"]}["practice"] == (
        3,
        False,
    )
