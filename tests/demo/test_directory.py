from pathlib import Path

import pytest

from convivio.demo.content import directory as demo_content
from convivio.demo.directory import PREFIX, directory_demo_load
from convivio.directory.models import Location, Schedule, Service

pytestmark = pytest.mark.django_db


def test_demo_directory_counts_and_idempotence():
    first = directory_demo_load()
    assert first.created == len(demo_content.SERVICES) >= 40
    assert (
        first.services == Service.objects.filter(source_key__startswith=PREFIX).count()
    )
    assert first.organisations >= 12
    town = first.town
    assert town.name == "Vale Novo"
    locations = Location.objects.filter(territory=town)
    assert locations.count() == len(demo_content.STREETS)
    for location in locations:
        assert abs(location.latitude - town.latitude) < 0.05
        assert abs(location.longitude - town.longitude) < 0.05
    # Evening and Saturday hours, one exception.
    assert Schedule.objects.filter(weekday=6).exists()
    assert Schedule.objects.filter(closes_at__hour__gte=20).exists()
    assert Schedule.objects.filter(date__isnull=False, closed=True).count() == 1
    # Every text row holds one language: written in Portuguese, translated into
    # English, each row complete.
    for service in Service.objects.filter(source_key__startswith=PREFIX):
        rows = {row.language_id: row for row in service.translations.all()}
        assert set(rows) == {"pt", "en"} and service.original_language_id == "pt"
        assert rows["pt"].description and rows["en"].description
        assert rows["pt"].description != rows["en"].description
    arabic_health = Service.objects.filter(
        themes__slug="health", languages__code="ar", status="active"
    )
    assert arabic_health.exists()
    again = directory_demo_load()
    assert again.created == 0
    assert (
        Service.objects.filter(source_key__startswith=PREFIX).count() == first.services
    )
    assert Schedule.objects.filter(date__isnull=False).count() == 1


def test_demo_copies_no_seed_sentence():
    seeds = Path("/work/shared/seeds")
    if not seeds.exists():
        seeds = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    texts = " ".join(
        p.read_text(errors="ignore")
        for p in seeds.rglob("*")
        if p.suffix in {".md", ".txt"}
    )
    sentences = [s["text"] for s in demo_content.SERVICES] + [
        s["bring"] for s in demo_content.SERVICES if len(s["bring"]) > 30
    ]
    assert sentences
    for sentence in sentences:
        assert sentence not in texts
