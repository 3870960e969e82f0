"""Code lists every installation starts with (data migration)."""

import pytest

from convivio.core.models import Language, TargetGroup, Territory, Theme

pytestmark = pytest.mark.django_db


def test_countries_are_loaded_with_iso_codes_and_centroids():
    countries = Territory.objects.filter(kind=Territory.Kind.COUNTRY)
    assert countries.count() >= 27
    italy = countries.get(iso_code="IT")
    assert italy.name == "Italy"
    assert italy.latitude is not None
    assert italy.longitude is not None
    for code in ("RO", "GR", "ES", "DE", "FR"):
        assert countries.filter(iso_code=code).exists(), code


def test_themes_cover_the_areas_of_intervention():
    slugs = set(Theme.objects.values_list("slug", flat=True))
    assert {
        "employment",
        "housing",
        "education",
        "language",
        "health",
        "entrepreneurship",
        "legal-aid",
        "gender-based-violence",
    } <= slugs


def test_target_groups_are_loaded():
    slugs = set(TargetGroup.objects.values_list("slug", flat=True))
    assert {"migrants", "migrant-women", "unaccompanied-minors"} <= slugs


def test_content_languages_include_english_and_romanian():
    codes = set(Language.objects.values_list("code", flat=True))
    assert {"en", "ro", "it", "el"} <= codes
