"""Each list and detail page issues a bounded number of queries, whatever the rows.

Every page is measured with 3 and with 30 rows against the same bound, cold
caches included (the conftest clears the cache before each test).
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convivio.core.models import Organisation, Territory
from convivio.core.services import moderator_grant
from convivio.practices import services
from convivio.practices.models import EVALUATION_CRITERIA
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    make_practice,
    practice_data,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]
SCORES = dict.fromkeys(EVALUATION_CRITERIA, 4)
THEMES = ["housing", "employment", "education", "health", "language"]


@pytest.fixture
def library(request, admin_user):
    """`n` published practices of one organisation, all in one collection."""
    n = request.param
    organisation = OrganisationFactory(name="Big NGO", kind=Organisation.Kind.NGO)
    partner = OrganisationFactory(kind=Organisation.Kind.PUBLIC_AUTHORITY)
    practices = [
        make_practice(
            title=f"Housing practice {i}",
            summary=f"Summary {i} about housing and rent.",
            country=["ES", "IT", "RO", "GR"][i % 4],
            language=["en", "it", "ro"][i % 3],
            themes=THEMES[: 1 + i % len(THEMES)],
            target_groups=["migrants", "youth"][: 1 + i % 2],
            organisations=[(organisation.id, "implementing"), (partner.id, "partner")],
            start_year=2010 + i % 10,
            end_year=2012 + i % 10,
        )
        for i in range(n)
    ]
    curator = UserFactory(username="curator")
    moderator_grant(actor=admin_user, user=curator)
    collection = services.collection_create(
        user=curator, title="All of them", language="en", practices=practices
    )
    return {"n": n, "organisation": organisation, "collection": collection}


@pytest.fixture
def rich_practice(request, admin_user):
    """One practice with `n` organisations, places, links, translations,
    evaluations and history events."""
    n = request.param
    organisations = [OrganisationFactory() for _ in range(n)]
    country = Territory.objects.get(iso_code="IT")
    places = [
        Territory.objects.create(
            name=f"Comune {i}", kind="municipality", country_code="IT", parent=country
        )
        for i in range(n)
    ]
    author = UserFactory(username="author")
    relations = {
        "organisations": [(o.id, "partner") for o in organisations],
        "territory_ids": [p.id for p in places],
        "links": [(f"https://example.org/{i}", f"Link {i}") for i in range(n)],
        "themes": THEMES,
    }
    practice = services.practice_create(user=author, data=_data(**relations))
    for language in ["it", "ro", "el", "es", "de", "fr"][: min(n, 6)]:
        services.practice_update(
            user=author, practice=practice, data=_data(language=language, **relations)
        )
    services.practice_transition(user=author, practice=practice, action="submitted")
    reviewers = []
    for i in range(n):
        reviewer = UserFactory(username=f"reviewer{i}")
        moderator_grant(actor=admin_user, user=reviewer)
        services.practice_evaluate(
            user=reviewer, practice=practice, scores=SCORES, comment=f"Comment {i}"
        )
        reviewers.append(reviewer)
    services.practice_transition(
        user=reviewers[0], practice=practice, action="published"
    )
    return {"n": n, "practice": practice, "moderator": reviewers[0]}


def _data(**overrides):
    return practice_data(**overrides)


def _per_request_parts_removed(html: str) -> str:
    """The page without its per-request CSP nonces and CSRF tokens."""
    return re.sub(r'(nonce|value)="[A-Za-z0-9_-]{20,}"', "", html)


def _get(client, url, bound, django_assert_max_num_queries, **extra):
    with CaptureQueriesContext(connection) as queries:
        with django_assert_max_num_queries(bound):
            response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response, len(queries)


# Bounds are the same at 3 and 30 rows: a page whose queries grew with its rows
# would pass at 3 and fail at 30.
LIST_PAGES = [
    ("/en/practices/", 16),
    ("/en/practices/?q=housing+rent", 16),
    ("/en/practices/?theme=housing&country=ES&country=IT&year_from=2012", 16),
    ("/en/practices/?q=housing&theme=housing&language=en&sort=title", 16),
    ("/en/practices/?organisation_kind=ngo&target_group=youth&page=2", 16),
    ("/api/practices", 16),
    ("/api/practices?q=housing&theme=housing&country=ES", 17),
]


@pytest.mark.parametrize("library", SIZES, indirect=True)
@pytest.mark.parametrize(("url", "bound"), LIST_PAGES)
def test_list_pages_issue_a_bounded_number_of_queries(
    client, library, url, bound, django_assert_max_num_queries
):
    response, _ = _get(client, url, bound, django_assert_max_num_queries)
    assert "Housing practice" in response.text
    if not url.startswith("/api/"):
        # The rendered results are reused until the index changes: one query.
        again, _ = _get(client, url, 1, django_assert_max_num_queries)
        assert _per_request_parts_removed(again.text) == _per_request_parts_removed(
            response.text
        )


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_htmx_fragment_issues_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    _get(
        client,
        "/en/practices/?theme=housing",
        16,
        django_assert_max_num_queries,
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_organisation_page_issues_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    slug = library["organisation"].slug
    # The organisation, its description's translation rows, its practices and
    # theirs: the same four whatever the number of practices.
    response, _ = _get(
        client, f"/en/organisations/{slug}/", 4, django_assert_max_num_queries
    )
    assert response.text.count("Housing practice") == library["n"]


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_collection_page_issues_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    url = library["collection"].get_absolute_url()
    # One more since a collection's text lives in its translation rows.
    response, _ = _get(client, url, 5, django_assert_max_num_queries)
    assert response.text.count("Housing practice") == library["n"]


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_collection_list_issues_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    # The collections, then their translation rows.
    _get(client, "/en/collections/", 2, django_assert_max_num_queries)


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_home_page_issues_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    # Latest practices with their rows, collections with theirs.
    response, _ = _get(client, "/en/", 4, django_assert_max_num_queries)
    assert response.text.count("Housing practice") == min(6, library["n"])


@pytest.mark.parametrize("library", SIZES, indirect=True)
def test_organisation_lists_issue_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries
):
    _get(client, "/en/organisations/", 1, django_assert_max_num_queries)
    # The page, the count, the descriptions' rows (prefetched).
    _get(client, "/api/organisations", 3, django_assert_max_num_queries)


@pytest.mark.parametrize("rich_practice", SIZES, indirect=True)
def test_detail_page_issues_a_bounded_number_of_queries(
    client, rich_practice, django_assert_max_num_queries
):
    url = rich_practice["practice"].get_absolute_url()
    # A visitor's first view: a look at the practice's version, then the article.
    response, _ = _get(client, url, 10, django_assert_max_num_queries)
    n = rich_practice["n"]
    assert response.text.count("Comment ") == n
    assert response.text.count('href="https://example.org/') == n
    assert response.text.count("Comune ") == n
    # Later views reuse the rendered article: one query whatever the size.
    again, _ = _get(client, url, 1, django_assert_max_num_queries)
    assert _per_request_parts_removed(again.text) == _per_request_parts_removed(
        response.text
    )
    client.force_login(rich_practice["moderator"])
    _get(client, url, 13, django_assert_max_num_queries)


@pytest.mark.parametrize("rich_practice", SIZES, indirect=True)
def test_api_detail_issues_a_bounded_number_of_queries(
    client, rich_practice, django_assert_max_num_queries
):
    practice = rich_practice["practice"]
    response, _ = _get(
        client, f"/api/practices/{practice.pk}", 8, django_assert_max_num_queries
    )
    assert len(response.json()["organisations"]) == rich_practice["n"]
