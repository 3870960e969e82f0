import pytest
from django.core.management import call_command

from convivio.search.models import SearchEntry
from convivio.search.selectors import search_match
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_common_words_in_a_query_do_not_have_to_appear_in_the_text():
    practice = make_practice(
        title="Housing desk", summary="Rooms found quickly.", description="Refugees."
    )
    found = [i for i, _ in search_match(kind="practice", query="housing for refugees")]
    assert found == [practice.pk]


def test_a_query_of_only_common_words_finds_nothing_instead_of_everything():
    make_practice(title="The housing desk of the city")
    assert search_match(kind="practice", query="the of and") == []


def test_reindex_command_rebuilds_missing_entries_and_drops_unpublished(capsys):
    published = make_practice(title="Language cafe")
    draft = make_practice(title="Language lab", status="draft")
    SearchEntry.objects.all().delete()
    call_command("reindex_practices")
    assert set(SearchEntry.objects.values_list("object_id", flat=True)) == {
        published.pk
    }
    found = [i for i, _ in search_match(kind="practice", query="language")]
    assert found == [published.pk]
    assert draft.pk not in found
    assert "Re-indexed 1 published of 2 practices." in capsys.readouterr().out
