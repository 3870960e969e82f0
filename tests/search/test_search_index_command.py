"""`convivio search_index`: rebuild, vectors, status."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from convivio.search.models import SearchEntry, SearchVector
from convivio.search.selectors import fulltext_match
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_rebuild_restores_a_lost_index_and_leaves_drafts_out(capsys):
    published = make_practice(title="Language cafe")
    draft = make_practice(title="Language lab", status="draft")
    SearchEntry.objects.all().delete()
    call_command("search_index", "rebuild", "--kind", "practice")
    assert [i for i, _ in fulltext_match(kind="practice", query="language")] == [
        published.pk
    ]
    assert draft.pk not in SearchEntry.objects.values_list("object_id", flat=True)
    out = capsys.readouterr().out
    assert "Practices: 1 record indexed." in out
    assert "Vectors computed for 1 index entry." in out
    assert SearchVector.objects.filter(object_id=published.pk).count() == 1


def test_rebuild_keeps_the_vectors_of_unchanged_text(capsys):
    practice = make_practice(title="Language cafe")
    call_command("search_index", "vectors")
    before = set(SearchVector.objects.values_list("id", flat=True))
    call_command("search_index", "rebuild", "--kind", "practice")
    assert (
        set(
            SearchVector.objects.filter(object_id=practice.pk).values_list(
                "id", flat=True
            )
        )
        == before
    )


def test_status_counts_entries_waiting_for_vectors(capsys):
    make_practice(title="Language cafe")
    call_command("search_index", "status", "--kind", "practice")
    assert (
        "Practices: 1 entries, 1 waiting for vectors, 0 passages with vectors."
        in capsys.readouterr().out
    )


def test_an_unknown_kind_is_refused_with_the_list_of_kinds():
    with pytest.raises(
        CommandError, match=r"Unknown kind parcel; the kinds are: .*practice"
    ):
        call_command("search_index", "rebuild", "--kind", "parcel")
