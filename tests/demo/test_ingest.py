"""`load_demo` takes its content through the ingestion pipeline: the five seed
documents where they exist (CI has them beside the checkout), else our samples."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from convivio.demo import ingest as demo
from convivio.ingest.models import Draft, IngestJob
from convivio.library.models import Document
from convivio.plans.models import Plan, PlanNode
from convivio.practices.models import Collection, Practice

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Document, IngestJob, Draft, Practice, Plan, PlanNode)
    }


def test_demo_ingests_the_seed_documents_and_accepts_their_drafts(capsys, client):
    assert demo.demo_files()[0].parent == demo.seeds_dir(), "seed folder missing"
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Ingesting 5 seed documents" in out
    assert Document.objects.filter(is_public=True).count() == 5
    genres = dict(IngestJob.objects.values_list("document__original_filename", "genre"))
    assert sorted(genres.values()) == [
        "other",
        "other",
        "plan",
        "practice_collection",
        "practice_collection",
    ]
    # 001: ten practices in English; 004: eleven in Romanian; all published.
    published = Practice.objects.filter(status="published")
    assert published.filter(original_language_id="en").count() == 10
    assert published.filter(original_language_id="ro").count() == 11
    # Each booklet is also a collection; 004 keeps its recommendations by audience.
    collections = Collection.objects.filter(source_key__startswith="ingest:")
    assert collections.count() == 2
    romanian = collections.get(original_language_id="ro")
    assert romanian.items.count() == 11
    assert len(romanian.original_translation().recommendations) >= 5
    # 000: the Andalusian plan, adopted, with its tree as numbered in the text.
    andalusia = Plan.objects.get(territory__name="Andalusia")
    assert andalusia.status == "adopted"
    live = andalusia.nodes.filter(deleted_at__isnull=True)
    assert live.filter(kind="area").count() == 5
    assert live.filter(kind="objective").count() == 39
    assert live.filter(kind="measure").count() == 100
    # The seven local plans do not state their years: published all the same,
    # with their period "not stated"; the annexes are no plans.
    job = IngestJob.objects.get(genre="plan")
    seeded = Plan.objects.filter(source_key__startswith="ingest:")
    assert seeded.count() == 8
    assert set(seeded.values_list("status", flat=True)) == {"adopted"}
    unstated = seeded.filter(start_year__isnull=True, end_year__isnull=True)
    assert sorted(p.territory.name for p in unstated) == [
        "Brussels",
        "Hamburg",
        "Lecce",
        "Maribor",
        "Pisa",
        "Spain",
        "Wallonia",
    ]
    assert {p.period for p in unstated} == {"period not stated"}
    titles = [str(p).upper() for p in seeded]
    assert not [t for t in titles if "INTEREST" in t or "RECOMMENDATION" in t]
    assert not Draft.objects.filter(kind="plan", status="pending").exists()
    # The annex of general recommendations stays with the document.
    assert len(job.recommendations) >= 25
    (line,) = [x for x in out.splitlines() if x.startswith("- 000_")]
    assert "drafts accepted: 8" in line and "waiting" not in line
    # Every ingested practice carries suggested themes, and the plans' areas too.
    ingested = Practice.objects.filter(source_key__startswith="ingest:")
    assert ingested.count() == 21
    assert not ingested.filter(themes__isnull=True).exists()
    assert ingested.filter(target_groups__isnull=False).distinct().count() >= 18
    education = live.get(kind="area", code="1")
    assert education.theme.slug == "education"
    assert "education" in andalusia.themes.values_list("slug", flat=True)
    _andalusia_covers_education(client, andalusia)

    first = _counts()
    call_command("load_demo")
    assert _counts() == first


def _andalusia_covers_education(client, andalusia: Plan) -> None:
    """Plan comparison: Andalusia covers education (its area 1), and a plan
    without stated years says so in its column's heading."""
    hamburg = Plan.objects.get(territory__name="Hamburg")
    page = client.get("/en/plans/compare/", {"plans": [andalusia.pk, hamburg.pk]})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    rows = {
        row.th.get_text(strip=True): row.find_all("td")
        for row in soup.select("table.compare-table tbody tr")
    }
    cell = rows["Education"][0]
    assert "not-covered" not in (cell.get("class") or [])
    assert "1 EDUCATION" in [li.get_text(strip=True) for li in cell.select("li")]
    heads = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    assert any("Hamburg, period not stated" in h for h in heads)


def test_demo_without_seeds_ingests_our_sample_documents(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVIVIO_SEEDS_DIR", str(tmp_path / "nowhere"))
    files = demo.demo_files()
    assert {f.name for f in files} == {
        "local-plan-riverside.txt",
        "practices-partner-cities.txt",
    }
    call_command("load_demo")
    assert Practice.objects.filter(status="published").count() == 4
    plan = Plan.objects.get(territory__name="Riverside")
    assert plan.nodes.filter(kind="measure").count() == 5
    assert plan.indicators.count() == 6
