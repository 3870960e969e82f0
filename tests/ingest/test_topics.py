"""Themes and target groups suggested from the text, confirmed by the reviewer."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from convivio.core.models import TargetGroup, Theme
from convivio.ingest import pipeline, services, topics
from convivio.ingest.models import Draft

from .test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    fake_booklet,
    ingest,
)

HELD_OUT = Path(__file__).parent / "data" / "topics_heldout.json"


@pytest.mark.parametrize(
    ("language", "title", "text", "theme", "group"),
    [
        (
            "en",
            "Job club",
            "Weekly job search for refugees with employers.",
            "employment",
            "refugees-asylum-seekers",
        ),
        (
            "es",
            "Aulas abiertas",
            "Apoyo escolar para niños y niñas en la escuela.",
            "education",
            "children",
        ),
        (
            "it",
            "Sportello salute",
            "Mediatori in ospedale per le donne migranti.",
            "health",
            "migrant-women",
        ),
        (
            "pt",
            "Casa primeiro",
            "Habitação e arrendamento para famílias.",
            "housing",
            "families",
        ),
        (
            "ro",
            "Consiliere juridică",
            "Avocați voluntari pentru migranți.",
            "legal-aid",
            "migrants",
        ),
        (
            "el",
            "Μαθήματα ελληνικών",
            "Γλώσσα για γυναίκες πρόσφυγες.",
            "language",
            "migrant-women",
        ),
        (
            "de",
            "Gesundheitslotsinnen",
            "Begleitung zu Arztterminen für Geflüchtete.",
            "health",
            "refugees-asylum-seekers",
        ),
        (
            "fr",
            "Atelier numérique",
            "Démarches en ligne pour les jeunes.",
            "digital-inclusion",
            "youth",
        ),
        (
            "nl",
            "Taalcafé",
            "Nederlands oefenen met nieuwkomers.",
            "language",
            "migrants",
        ),
        (
            "sl",
            "Zdravje za vse",
            "Zdravstvena oskrba za begunce.",
            "health",
            "refugees-asylum-seekers",
        ),
        (
            "pl",
            "Klub mam",
            "Spotkania dla matek i ich dzieci, nauka języka polskiego.",
            "language",
            "mothers",
        ),
    ],
)
def test_suggestions_in_the_platforms_languages(language, title, text, theme, group):
    found = topics.suggest(title, text, language)
    assert theme in found["themes"]
    assert group in found["target_groups"]


def test_every_lexicon_slug_is_a_theme_or_target_group_of_the_reference_data(db):
    assert set(topics.THEME_WORDS) <= set(Theme.objects.values_list("slug", flat=True))
    assert set(topics.TARGET_GROUP_WORDS) <= set(
        TargetGroup.objects.values_list("slug", flat=True)
    )
    for table in (topics.THEME_WORDS, topics.TARGET_GROUP_WORDS):
        for slug, words in table.items():
            missing = {"en", "es", "it", "pt", "ro", "el", "de", "fr", "nl", "sl"}
            assert missing <= set(words), f"{slug} lacks {missing - set(words)}"


def test_a_plans_area_takes_the_theme_its_title_names():
    assert topics.area_theme("EDUCATION", "", "en") == "education"
    assert topics.area_theme("SOCIO-SANITARY", "", "en") == "health"
    assert topics.area_theme("Eje 2. Empleo", "", "es") == "employment"
    assert topics.area_theme("Wohnen", "", "de") == "housing"
    assert topics.area_theme("Other local components", "", "en") is None


def _scores(items: list[dict], kind: str) -> tuple[float, float]:
    hit = gold = made = 0
    for item in items:
        title, _, body = item["text"].partition("\n")
        found = set(topics.suggest(title, body, item["language"])[kind])
        wanted = set(item[kind])
        hit, gold, made = (
            hit + len(found & wanted),
            gold + len(wanted),
            made + len(found),
        )
    return hit / made, hit / gold


def test_precision_and_recall_on_the_held_out_practices():
    """66 practices in ten languages, labelled by hand before the lexicon was
    written and never used to tune it (docs/ingestion.md gives the figures:
    themes P 0.55 R 0.78, target groups P 0.59 R 0.68)."""
    items = json.loads(HELD_OUT.read_text(encoding="utf-8"))["items"]
    assert len({item["language"] for item in items}) == 10
    precision, recall = _scores(items, "themes")
    assert precision >= 0.5 and recall >= 0.7
    precision, recall = _scores(items, "target_groups")
    assert precision >= 0.55 and recall >= 0.55


def test_the_pipeline_suggests_topics_for_practices_and_plan_areas():
    result = pipeline.run(
        "Local Integration Plan of Valdoria 2021-2024\n\n"
        "1. EDUCATION\n1.1. Support pupils at school\n1.1.1. Homework clubs\n"
        "2. HEALTH\n2.1. Access to doctors\n2.1.1. Health mediators in hospitals\n",
        language="en",
        genre="plan",
    )
    (plan,) = result.plans
    areas = {n.code: n.theme for n in plan.nodes if n.kind == "area"}
    assert areas == {"1": "education", "2": "health"}
    assert plan.themes == ["education", "health"]
    assert result.to_json()["plans"][0]["nodes"][0]["theme"] == "education"


@pytest.fixture
def booklet_job(user, fake_booklet, django_capture_on_commit_callbacks):
    return ingest(
        user,
        BOOKLET_TEXT,
        filename="booklet.txt",
        capture=django_capture_on_commit_callbacks,
    )


def _suggest(draft: Draft, themes: list[str], groups: list[str]) -> None:
    draft.data = {**draft.data, "themes": themes, "target_groups": groups}
    draft.save(update_fields=["data"])


def test_accepted_practice_carries_the_suggestions(user, booklet_job):
    draft = booklet_job.drafts.get(kind="practice")
    _suggest(draft, ["social-services", "participation"], ["families"])
    practice = services.draft_accept(user=user, draft=draft)
    assert sorted(practice.themes.values_list("slug", flat=True)) == [
        "participation",
        "social-services",
    ]
    assert list(practice.target_groups.values_list("slug", flat=True)) == ["families"]


def test_the_reviewer_changes_the_suggestions(user, booklet_job):
    draft = booklet_job.drafts.get(kind="practice")
    _suggest(draft, ["social-services"], ["families"])
    practice = services.draft_accept(
        user=user, draft=draft, data={"themes": ["housing"], "target_groups": []}
    )
    assert list(practice.themes.values_list("slug", flat=True)) == ["housing"]
    assert not practice.target_groups.exists()


def test_an_unknown_theme_is_refused_and_nothing_is_made(user, booklet_job):
    from django.core.exceptions import ValidationError

    from convivio.practices.models import Practice

    draft = booklet_job.drafts.get(kind="practice")
    with pytest.raises(ValidationError):
        services.draft_accept(user=user, draft=draft, data={"themes": ["nonsense"]})
    assert not Practice.objects.exists()


def test_drafts_made_before_suggestions_get_them_from_their_text(booklet_job):
    draft = booklet_job.drafts.get(kind="practice")
    data = dict(draft.data)
    data.pop("themes"), data.pop("target_groups")
    data["summary"] = "Job coaching and employment for refugee women."
    draft.data = data
    initial = services.review_initial(draft)
    assert "employment" in initial["themes"]
    assert "refugees-asylum-seekers" in initial["target_groups"]


def test_the_review_page_shows_the_suggestions_ticked(
    client, user, booklet_job, django_assert_max_num_queries
):
    draft = booklet_job.drafts.get(kind="practice")
    _suggest(draft, ["social-services"], ["families"])
    client.force_login(user)
    with django_assert_max_num_queries(40):
        page = client.get(f"/en/library/ingest/{booklet_job.pk}/review/")
    assert page.status_code == 200
    form = BeautifulSoup(page.content, "html.parser").find(id=f"draft-{draft.pk}")
    ticked = {
        box["value"]
        for box in form.select("input[type=checkbox][checked]")
        if box["name"].endswith(("themes", "target_groups"))
    }
    assert ticked == {"social-services", "families"}
    # Every theme is offered, so the reviewer can change the choice.
    names = {box["value"] for box in form.select(f"input[name=d{draft.pk}-themes]")}
    assert names == set(Theme.objects.values_list("slug", flat=True))
