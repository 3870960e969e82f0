"""GET /api/search: the one search in the API's one style."""

from __future__ import annotations

import pytest

from convivio.core.tokens import token_create
from tests.factories import UserFactory

from . import fake_kinds as fakes

pytestmark = pytest.mark.django_db

URL = "/api/search"


@pytest.fixture
def fake_kinds(monkeypatch) -> fakes.FakeKinds:
    return fakes.install(monkeypatch)


@pytest.fixture
def housing(fake_kinds):
    fake_kinds.add("post", "Housing advice evenings", "Ask about rent contracts.")
    fake_kinds.add(
        "post",
        "Ateliere despre locuințe",
        "Housing workshops in Romanian.",
        language="ro",
        meta=("Cluj", "3 replies"),
    )
    fake_kinds.add("post", "Housing notes of the team", "Draft.", private=True)
    fake_kinds.add("event", "Housing fair", "Landlords and tenants meet.")
    fake_kinds.add("event", "Football afternoon", "Everyone plays.")
    return fake_kinds


def counts_of(body: dict) -> dict[str, int]:
    return {row["kind"]: row["count"] for row in body["counts"]}


def test_hits_of_every_kind_with_counts(client, housing):
    response = client.get(URL, {"q": "housing"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "count", "page", "pages", "counts", "vectors_used"}
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 1)
    assert body["counts"] == [
        {"kind": "post", "label": "Forum posts", "count": 2, "more": False},
        {"kind": "event", "label": "Events", "count": 1, "more": False},
    ]
    assert body["vectors_used"] is False  # no vectors computed in this test
    by_title = {item["title"]: item for item in body["items"]}
    assert set(by_title) == {
        "Housing advice evenings",
        "Ateliere despre locuințe",
        "Housing fair",
    }
    assert by_title["Ateliere despre locuințe"] == {
        "kind": "post",
        "id": 2,
        "title": "Ateliere despre locuințe",
        "url": "/posts/2/",
        "summary": "Housing workshops in Romanian.",
        "language": "ro",
        "meta": ["Cluj", "3 replies"],
    }


def test_a_kind_narrows_the_items_not_the_counts(client, housing):
    body = client.get(URL, {"q": "housing", "kind": "event"}).json()
    assert [item["title"] for item in body["items"]] == ["Housing fair"]
    assert body["count"] == 1
    assert counts_of(body) == {"post": 2, "event": 1}


def test_several_kinds(client, housing):
    body = client.get(URL + "?q=housing&kind=event&kind=post").json()
    assert body["count"] == 3 and len(body["items"]) == 3


def test_an_unknown_kind_is_a_400_with_a_sentence(client, housing):
    response = client.get(URL, {"q": "housing", "kind": "spaceship"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Unknown kind “spaceship” in “kind”: give one of post, event."
    }


def test_what_an_account_may_open(client, housing):
    staff = UserFactory(is_staff=True)
    _token, key = token_create(user=staff, name="search script")
    body = client.get(
        URL, {"q": "housing"}, headers={"Authorization": f"Bearer {key}"}
    ).json()
    assert counts_of(body) == {"post": 3, "event": 1}
    # A wrong token is the API's one 401, not an anonymous answer.
    response = client.get(URL, {"q": "housing"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 401


def test_pages(client, fake_kinds):
    for n in range(7):
        fake_kinds.add("post", f"Language cafe {n}", "Practise speaking.")
    first = client.get(URL, {"q": "language cafe", "page_size": 5}).json()
    assert (first["count"], first["page"], first["pages"]) == (7, 1, 2)
    second = client.get(URL, {"q": "language cafe", "page_size": 5, "page": 2}).json()
    assert second["page"] == 2 and len(second["items"]) == 2
    titles = {i["title"] for i in first["items"]} | {
        i["title"] for i in second["items"]
    }
    assert titles == {f"Language cafe {n}" for n in range(7)}
    # A page past the last gives the last one, as every list of the API.
    assert client.get(URL, {"q": "language cafe", "page": 9}).json()["page"] == 1


@pytest.mark.parametrize(
    ("params", "status", "detail"),
    [
        ({"q": "x", "page": 0}, 400, "“page” is a whole number from 1 to 100000."),
        (
            {"q": "x", "page_size": 101},
            400,
            "“page_size” is a whole number from 1 to 100.",
        ),
        ({"q": "x", "lang": "zz-nowhere"}, 400, None),
        ({"q": "x" * 10_000}, 422, None),
    ],
)
def test_wrong_parameters_are_refused_with_a_sentence(
    client, fake_kinds, params, status, detail
):
    response = client.get(URL, params)
    assert response.status_code == status
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    if detail:
        assert body["detail"] == detail
    if status == 422:
        assert body["detail"].startswith("Invalid request: q:")


def test_no_words_find_nothing(client, housing):
    body = client.get(URL).json()
    assert (body["items"], body["count"], body["page"], body["pages"]) == ([], 0, 1, 1)


@pytest.mark.parametrize(
    "q", ["", "   ", '"*:(OR)', "NOT housing AND (", "Ελληνικά سكن Română 住房 ☃"]
)
def test_odd_queries_answer_cleanly(client, housing, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    body = response.json()
    if not q.strip():
        assert body["items"] == [] and body["count"] == 0
        assert set(counts_of(body).values()) == {0}
    assert body["count"] == sum(counts_of(body).values())


def test_titles_in_the_language_asked_for(client, fake_kinds):
    fake_kinds.add(
        "post",
        "Ateliere digitale",
        "Pentru migranți.",
        language="ro",
        translations={"es": ("Talleres digitales", "Para migrantes.")},
    )
    body = client.get(URL, {"q": "digitale", "lang": "es"}).json()
    assert [(i["title"], i["language"]) for i in body["items"]] == [
        ("Talleres digitales", "es")
    ]
    # The messages follow lang too.
    refused = client.get(URL, {"q": "digitale", "lang": "es", "kind": "nave"})
    assert refused.status_code == 400
    assert refused["Content-Language"] == "es"


def test_searches_are_limited_per_address(client, fake_kinds, settings):
    settings.CONVIVIO_RATE_API_SEARCH = "2/m"
    for _ in range(2):
        assert client.get(URL, {"q": "housing"}).status_code == 200
    response = client.get(URL, {"q": "housing"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith(
        "You have searched a lot in a short time. Please search again in "
    )


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "kind", "lang", "page", "page_size"} <= names
