"""Suggested themes and target groups in the practice form and the ingestion
review: offered beside the boxes, never ticked or saved by themselves."""

# ruff: noqa: F811 - fixtures imported from the ingestion tests

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.practices.models import Practice
from convivio.search import suggestions
from convivio.search.suggestions import Suggested
from tests.factories import make_practice
from tests.html import soup_of
from tests.ingest.test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    fake_booklet,
    ingest,
)


@pytest.fixture
def suggested(monkeypatch):
    """Suggestions fixed: housing and migrant women; records the texts asked."""
    asked: list[str] = []

    def themes(text, *, limit=3):
        asked.append(text)
        return [Suggested("housing", "Urbanism and housing", 0.9)]

    def groups(text, *, limit=3):
        return [Suggested("migrant-women", "Migrant women", 0.9)]

    monkeypatch.setattr(suggestions, "suggested_themes", themes)
    monkeypatch.setattr(suggestions, "suggested_target_groups", groups)
    return asked


def _ticks(page) -> dict[str, str]:
    """Each suggestion button's label → the value of the box it ticks."""
    soup = soup_of(page)
    found = {}
    for button in soup.select("button[data-tick]"):
        box = soup.find("input", id=button["data-tick"])
        assert box is not None and box["type"] == "checkbox"
        assert not box.has_attr("checked")  # offered, not ticked
        found[button.get_text(strip=True)] = box["value"]
    return found


def test_edit_form_offers_suggestions_from_the_practice_text(client, user, suggested):
    practice = make_practice(
        user=user, status="draft", title="Ajutor pentru locuințe", language="ro"
    )
    client.force_login(user)
    page = client.get(reverse("practices:edit", args=[practice.pk]))
    assert page.status_code == 200
    assert _ticks(page) == {
        "Urbanism and housing": "housing",
        "Migrant women": "migrant-women",
    }
    assert "Ajutor pentru locuințe" in suggested[0]


def test_new_practice_form_asks_nothing_until_there_is_text(client, user, suggested):
    client.force_login(user)
    page = client.get(reverse("practices:submit"))
    assert page.status_code == 200
    assert _ticks(page) == {}
    assert suggested == []


def test_suggest_button_answers_suggestions_and_saves_nothing(client, user, suggested):
    client.force_login(user)
    response = client.post(
        reverse("practices:submit"),
        {"suggest": "1", "title": "Case pentru familii", "summary": "Locuințe."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    soup = soup_of(response)
    assert [d["id"] for d in soup.select("[hx-swap-oob]")] == [
        "suggested-themes",
        "suggested-target_groups",
    ]
    assert [b.get_text(strip=True) for b in soup.select("button[data-tick]")] == [
        "Urbanism and housing",
        "Migrant women",
    ]
    assert suggested == ["Case pentru familii\nLocuințe."]
    assert not Practice.objects.exists()


def test_ingestion_review_offers_suggestions(
    client, user, suggested, fake_booklet, django_capture_on_commit_callbacks
):
    job = ingest(user, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    client.force_login(user)
    page = client.get(reverse("ingest:review", args=[job.pk]))
    assert page.status_code == 200
    assert _ticks(page) == {
        "Urbanism and housing": "housing",
        "Migrant women": "migrant-women",
    }
    assert any("Cooking together" in text for text in suggested)
