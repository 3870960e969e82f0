"""One way to page an HTML list (core.pagination and its template fragment)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from convivio.core.models import Language
from convivio.core.pagination import known_page, page_query, paginate

pytestmark = pytest.mark.django_db

ROWS = list(range(1, 26))  # 25 rows: pages of 10 are 1-10, 11-20, 21-25


def _page(query: dict, rows=ROWS, **kwargs):
    return paginate(RequestFactory().get("/", query), rows, per_page=10, **kwargs)


@pytest.mark.parametrize(
    ("asked", "number"),
    [("", 1), ("2", 2), ("0", 1), ("-3", 1), ("two", 1), ("9999999999", 3), ("4", 3)],
)
def test_a_wrong_page_number_gives_the_first_or_the_last_page(asked, number):
    page = _page({"page": asked})
    assert page.number == number
    assert list(page) == ROWS[(number - 1) * 10 : number * 10]


def test_a_list_can_have_its_own_page_parameter():
    page = _page({"page": "3", "built_page": "2"}, param="built_page")
    assert page.number == 2


def test_a_first_page_holding_every_row_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = paginate(
            RequestFactory().get("/"), Language.objects.order_by("code"), per_page=500
        )
        assert page.paginator.num_pages == 1
    assert len(page) == Language.objects.count()


def test_a_longer_list_is_counted(django_assert_num_queries):
    with django_assert_num_queries(2):
        page = paginate(
            RequestFactory().get("/"), Language.objects.order_by("code"), per_page=2
        )
        assert page.paginator.num_pages > 1
    assert [language.code for language in page] == list(
        Language.objects.order_by("code").values_list("code", flat=True)[:2]
    )


def test_page_links_keep_the_filters_and_the_first_page_is_the_bare_list():
    assert page_query("q=rent&theme=housing&page=3", 4) == "q=rent&theme=housing&page=4"
    assert page_query("q=rent&page=3", 1) == "q=rent"
    assert page_query({"status": "open"}, 2, "open_page") == "status=open&open_page=2"


def test_the_fragment_links_to_the_neighbours_keeping_the_request_filters():
    request = RequestFactory().get("/en/plans/", {"status": "adopted", "page": "2"})
    page = paginate(request, ROWS, per_page=10)
    html = render_to_string(
        "core/includes/pagination.html", {"page": page}, request=request
    )
    assert '<a rel="prev" href="?status=adopted">' in html
    assert '<a rel="next" href="?status=adopted&amp;page=3">' in html
    assert "Page 2 of 3" in html


def test_a_single_page_shows_no_links():
    page = known_page(ROWS[:5], number=1, total=5, per_page=10)
    assert "pagination" not in render_to_string(
        "core/includes/pagination.html", {"page": page}
    )
