"""`load_demo` takes its content through the ingestion pipeline: the five seed
documents where they exist (CI has them beside the checkout), else our samples."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from convivio.ingest import demo
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


def test_demo_ingests_the_seed_documents_and_accepts_their_drafts(capsys):
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
    romanian = collections.get(language_id="ro")
    assert romanian.items.count() == 11
    assert len(romanian.recommendations) >= 5
    # 000: the Andalusian plan, adopted, with its tree as numbered in the text.
    andalusia = Plan.objects.get(territory__name="Andalusia")
    assert andalusia.status == "adopted"
    live = andalusia.nodes.filter(deleted_at__isnull=True)
    assert live.filter(kind="area").count() == 5
    assert live.filter(kind="objective").count() == 39
    assert live.filter(kind="measure").count() == 100
    # The local plans whose years the text does not give wait for a reviewer.
    assert Draft.objects.filter(kind="plan", status="pending").exists()
    assert "waiting for review at /library/ingest/" in out

    first = _counts()
    call_command("load_demo")
    assert _counts() == first


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
