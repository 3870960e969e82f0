"""On a large library, a first-time query shows its results first and its counts
just after; without JavaScript a link asks for them inline."""

import pytest

from tests.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_library(settings):
    settings.CONVIVIO_INLINE_COUNTS_LIMIT = 2  # "large" is anything above two
    for i in range(3):
        make_practice(title=f"Housing practice {i}", themes=["housing"], country="GR")


def test_results_come_first_and_the_panel_is_loaded_after(client, large_library):
    page = client.get("/en/practices/?q=housing").text
    assert page.count("Housing practice") == 3
    assert "Counting the filters" in page
    assert 'hx-get="/en/practices/filters/?q=housing"' in page
    assert 'href="?q=housing&amp;counts=1"' in page  # the no-JavaScript way

    panel = client.get(
        "/en/practices/filters/?q=housing", headers={"HX-Request": "true"}
    )
    assert panel.status_code == 200
    assert 'name="country" value="GR"' in panel.text
    assert '<span class="count">3</span>' in panel.text


def test_counts_inline_when_asked_for_or_already_known(client, large_library):
    inline = client.get("/en/practices/?q=housing&counts=1").text
    assert "Counting the filters" not in inline
    assert '<span class="count">3</span>' in inline
    # Now that they are known, the next visitor gets them in the page.
    again = client.get("/en/practices/?q=housing").text
    assert "Counting the filters" not in again


def test_small_result_sets_always_get_their_counts_inline(client, settings):
    settings.CONVIVIO_INLINE_COUNTS_LIMIT = 5000
    make_practice(title="Housing practice", themes=["housing"])
    page = client.get("/en/practices/?q=housing").text
    assert "Counting the filters" not in page
    assert '<span class="count">1</span>' in page


def test_the_panel_ignores_unknown_values(client, large_library):
    panel = client.get("/en/practices/filters/?theme=nope&country=GR")
    assert panel.status_code == 200
    assert 'name="theme" value="housing"' in panel.text
