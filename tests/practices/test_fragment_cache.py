"""Rendered fragments are reused, but never after the content behind them changed."""

import pytest

from convivio.practices import services
from convivio.practices.models import EVALUATION_CRITERIA
from tests.factories import make_practice, practice_data

pytestmark = pytest.mark.django_db


def test_list_shows_a_newly_published_practice_right_away(client):
    make_practice(title="Language cafe")
    assert "Language cafe" in client.get("/en/practices/?q=language").text
    make_practice(title="Language tandem")
    page = client.get("/en/practices/?q=language").text
    assert "Language cafe" in page
    assert "Language tandem" in page


def test_list_drops_an_archived_practice_right_away(client, moderator):
    practice = make_practice(title="Night school")
    assert "Night school" in client.get("/en/practices/").text
    services.practice_transition(user=moderator, practice=practice, action="archived")
    assert "Night school" not in client.get("/en/practices/").text


def test_visitor_sees_an_edit_of_a_practice_right_away(client, moderator):
    practice = make_practice(title="Old title")
    url = practice.get_absolute_url()
    assert "Old title" in client.get(url).text
    services.practice_update(
        user=moderator, practice=practice, data=practice_data(title="New title")
    )
    page = client.get(url).text
    assert "New title" in page
    assert "Old title" not in page


def test_visitor_sees_a_new_evaluation_right_away(client, moderator):
    practice = make_practice(title="Scored practice")
    url = practice.get_absolute_url()
    assert "Evaluation" not in client.get(url).text
    services.practice_evaluate(
        user=moderator,
        practice=practice,
        scores=dict.fromkeys(EVALUATION_CRITERIA, 5),
        comment="Remarkably well documented.",
    )
    assert "Remarkably well documented." in client.get(url).text


def test_an_unpublished_practice_is_not_served_from_the_cache(client, moderator):
    practice = make_practice(title="Soon hidden")
    url = practice.get_absolute_url()
    assert client.get(url).status_code == 200
    services.practice_transition(
        user=moderator, practice=practice, action="returned", comment="Needs sources."
    )
    assert client.get(url).status_code == 404


def test_links_carry_only_known_parameters_so_tracking_tags_share_the_cache(
    client, django_assert_max_num_queries
):
    for i in range(25):
        make_practice(title=f"Housing practice {i}", themes=["housing"])
    first = client.get("/en/practices/?theme=housing&utm_source=newsletter")
    results = first.text[first.text.index('id="results"') :]
    assert '<a rel="next" href="?theme=housing&amp;page=2">' in results
    assert "utm_source" not in results
    with django_assert_max_num_queries(1):
        again = client.get("/en/practices/?theme=housing&utm_source=other")
    assert 'href="?theme=housing&amp;page=2"' in again.text
