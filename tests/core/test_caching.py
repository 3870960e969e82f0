"""One versioned cache (core.caching): entries expire when the data behind them
changes, never by waiting."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from convivio.core import caching
from convivio.core.models import Territory, Theme
from tests.factories import make_practice


def _counting():
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return len(calls)

    return calls, build


def test_a_value_is_built_once_per_version_and_parameters():
    calls, build = _counting()
    assert caching.get_or_build("test:n", build, versions=(1,), params="a") == 1
    assert caching.get_or_build("test:n", build, versions=(1,), params="a") == 1
    assert caching.get_or_build("test:n", build, versions=(2,), params="a") == 2
    assert caching.get_or_build("test:n", build, versions=(2,), params="b") == 3
    assert len(calls) == 3


def test_a_value_read_the_same_in_every_language_is_kept_once():
    calls, build = _counting()
    for language in ("en", "es", "ar"):
        with translation.override(language):
            caching.get_or_build("test:ids", build, per_language=False)
            caching.get_or_build("test:labels", build)
    assert len(calls) == 1 + 3


def test_none_and_zero_are_kept_too():
    calls: list[int] = []
    for _ in range(2):
        caching.get_or_build("test:none", lambda: calls.append(1))
    assert len(calls) == 1


def test_a_bump_moves_a_named_version_on():
    before = caching.version("test")
    assert caching.version("test") == before
    caching.bump("test")
    assert caching.version("test") != before


def test_a_lost_version_never_comes_back():
    """If the cache lets a named version go, a new token is drawn: an entry kept
    under the old one is never served again."""
    old = caching.version("test")
    cache.delete("convivio:version:test")
    assert caching.version("test") not in ("", old)


@pytest.mark.django_db
def test_a_code_list_write_bumps_the_codes_version():
    before = caching.version(caching.CODES)
    Theme.objects.create(slug="sport", name="Sport")
    after_theme = caching.version(caching.CODES)
    assert after_theme != before
    # A town is not in the code lists (only countries are).
    country = Territory.objects.get(iso_code="IT")
    Territory.objects.create(
        name="Comune", kind="municipality", country_code="IT", parent=country
    )
    assert caching.version(caching.CODES) == after_theme


@pytest.mark.django_db
def test_a_renamed_theme_shows_on_the_practice_list_right_away(client):
    make_practice(title="Tenants' desk", themes=["housing"])
    assert "Tenants&#x27; desk" in client.get("/en/practices/").text
    theme = Theme.objects.get(slug="housing")
    theme.name = "Housing and shelter"
    theme.save()
    assert "Housing and shelter" in client.get("/en/practices/").text


def test_a_named_version_in_a_per_process_cache_is_renewed_within_five_minutes(
    monkeypatch,
):
    # Another worker's bump cannot reach this process's cache: the version it
    # holds is renewed after LOCAL_VERSION_SECONDS, so a theme edited through
    # another worker shows here within that time.
    import django.core.cache.backends.locmem as locmem

    cache.clear()
    now = [1_000_000.0]
    monkeypatch.setattr(locmem.time, "time", lambda: now[0])
    first = caching.version("codes")
    now[0] += caching.LOCAL_VERSION_SECONDS - 1
    assert caching.version("codes") == first
    now[0] += 2
    assert caching.version("codes") != first
