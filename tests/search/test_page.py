"""The one search page (/search/) and the header's search box on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.search import services
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

from . import fake_kinds as fakes

pytestmark = pytest.mark.django_db

URL = "/en/search/"


@pytest.fixture
def fake_kinds(monkeypatch) -> fakes.FakeKinds:
    return fakes.install(monkeypatch)


def facet_counts(response) -> dict[str, str]:
    """Each kind facet's label and count, in page order."""
    return {
        " ".join(label.find(string=True, recursive=False).split()): label.select_one(
            ".count"
        ).get_text()
        for label in soup_of(response).select(".facet.kinds label")
    }


def checked_kind(response) -> str:
    found = soup_of(response).select(".facet.kinds input[checked]")
    assert len(found) == 1
    return found[0]["value"]


@pytest.fixture
def three(fake_kinds):
    """Two posts and an event about housing, a private post and an unrelated event."""
    fake_kinds.add("post", "Housing advice evenings", "Ask about rent contracts.")
    fake_kinds.add(
        "post",
        "Where to find a room",
        "Housing tips from neighbours.",
        meta=("Vale Novo", "12 replies"),
    )
    fake_kinds.add("post", "Housing notes of the team", "Draft.", private=True)
    fake_kinds.add("event", "Housing fair", "Landlords and tenants meet.")
    fake_kinds.add("event", "Football afternoon", "Everyone plays.")
    return fake_kinds


def test_the_page_lists_hits_of_several_kinds(client, three):
    response = client.get(URL, {"q": "housing"})
    assert response.status_code == 200
    titles = texts_of(response, ".search-hit h2")
    assert sorted(titles) == [
        "Housing advice evenings",
        "Housing fair",
        "Where to find a room",
    ]
    hits = soup_of(response).select(".search-hit")
    by_title = {hit.select_one("h2").get_text(strip=True): hit for hit in hits}
    room = by_title["Where to find a room"]
    assert room.select_one("h2 a")["href"] == "/posts/2/"
    assert room.select_one(".hit-kind").get_text(" ", strip=True) == "Forum posts"
    assert " ".join(room.select_one(".meta").get_text(" ").split()) == (
        "Vale Novo · 12 replies"
    )
    assert "Housing tips from neighbours." in room.get_text()
    assert by_title["Housing fair"].select_one(".hit-kind").get_text(strip=True) == (
        "Events"
    )
    assert text_of(response, ".result-count") == "3 results for “housing”"
    # The search box keeps the words.
    assert soup_of(response).select_one("#search-q")["value"] == "housing"


def test_the_facets_count_what_this_person_may_open(client, three):
    response = client.get(URL, {"q": "housing"})
    assert facet_counts(response) == {"All": "3", "Forum posts": "2", "Events": "1"}
    assert checked_kind(response) == ""

    client.force_login(UserFactory(is_staff=True))
    response = client.get(URL, {"q": "housing"})
    assert facet_counts(response) == {"All": "4", "Forum posts": "3", "Events": "1"}


def test_a_kind_with_no_match_has_no_facet(client, three):
    response = client.get(URL, {"q": "football"})
    assert facet_counts(response) == {"All": "1", "Events": "1"}


def test_a_kind_facet_shows_that_kind_only_and_keeps_every_count(client, three):
    response = client.get(URL, {"q": "housing", "kind": "event"})
    assert texts_of(response, ".search-hit h2") == ["Housing fair"]
    assert text_of(response, ".result-count") == "1 result for “housing”"
    assert facet_counts(response) == {"All": "3", "Forum posts": "2", "Events": "1"}
    assert checked_kind(response) == "event"


def test_an_unknown_kind_is_ignored_and_said(client, three):
    response = client.get(URL, {"q": "housing", "kind": "spaceship"})
    assert response.status_code == 200
    assert texts_of(response, ".message.warning:not(.vectors-off)") == [
        "Ignored unknown kind: spaceship."
    ]
    assert len(texts_of(response, ".search-hit")) == 3


def test_pages_of_results_keep_the_words_and_the_kind(client, fake_kinds):
    for n in range(25):
        fake_kinds.add("post", f"Language cafe {n}", "Practise speaking.")
    fake_kinds.add("event", "Language cafe party", "Music.")

    first = client.get(URL, {"q": "language cafe", "kind": "post"})
    assert len(texts_of(first, ".search-hit")) == 20
    assert text_of(first, ".pagination span") == "Page 1 of 2"
    next_link = soup_of(first).select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=language+cafe&kind=post&page=2"

    second = client.get(URL + next_link)
    titles = texts_of(second, ".search-hit h2")
    assert len(titles) == 5
    assert all(t.startswith("Language cafe ") and "party" not in t for t in titles)
    everything = {*texts_of(first, ".search-hit h2"), *titles}
    assert everything == {f"Language cafe {n}" for n in range(25)}
    assert text_of(second, ".pagination span") == "Page 2 of 2"


def test_a_match_in_another_language_says_which(client, fake_kinds):
    fake_kinds.add(
        "post",
        "Ateliere digitale la Jesenice",
        "Competențe digitale pentru migranți.",
        language="ro",
    )
    fake_kinds.add("post", "Jesenice library hours", "Open on Saturdays.")
    response = client.get(URL, {"q": "Jesenice"})
    hits = {
        hit.select_one("h2").get_text(strip=True): hit
        for hit in soup_of(response).select(".search-hit")
    }
    romanian = hits["Ateliere digitale la Jesenice"]
    badge = romanian.select_one(".tag.lang")
    assert badge.get_text(strip=True) == "Română"
    assert badge["lang"] == "ro"
    assert romanian.select_one("h2 a")["lang"] == "ro"
    assert romanian.select_one("h2 + p")["lang"] == "ro"
    # In the reader's own language: no badge, no lang attribute.
    english = hits["Jesenice library hours"]
    assert english.select_one(".tag.lang") is None
    assert not english.select_one("h2 a").has_attr("lang")


def test_a_translation_in_the_readers_language_is_shown(client, fake_kinds):
    fake_kinds.add(
        "post",
        "Ateliere digitale",
        "Pentru migranți.",
        language="ro",
        translations={"es": ("Talleres digitales", "Para migrantes.")},
    )
    response = client.get("/es/search/", {"q": "digitale"})
    assert texts_of(response, ".search-hit h2") == ["Talleres digitales"]
    assert soup_of(response).select_one(".search-hit .tag.lang") is None


def test_arabic_page_marks_latin_hits_left_to_right(client, fake_kinds):
    fake_kinds.add("post", "Housing fair", "Landlords meet tenants.")
    response = client.get("/ar/search/", {"q": "housing"})
    assert soup_of(response).html["dir"] == "rtl"
    link = soup_of(response).select_one(".search-hit h2 a")
    assert (link["lang"], link["dir"]) == ("en", "ltr")
    assert text_of(response, ".search-hit .tag.lang") == "English"


def test_the_words_only_notice(client, three):
    response = client.get(URL, {"q": "housing"})
    # No vectors were computed in this test: words only, and said so.
    assert text_of(response, ".vectors-off") == (
        "Searched by words only: results written in other languages may be missing."
    )
    assert soup_of(client.get(URL)).select_one(".vectors-off") is None


def test_no_words_only_notice_once_vectors_are_there(client, three):
    services.vectors_update()
    response = client.get(URL, {"q": "housing"})
    assert soup_of(response).select_one(".vectors-off") is None
    assert "Housing fair" in texts_of(response, ".search-hit h2")


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="spaces"),
        pytest.param('"*:(OR)', id="syntax"),
        pytest.param("NOT housing AND (", id="operators"),
        pytest.param("Ελληνικά سكن Română 住房 ☃", id="mixed-scripts"),
        pytest.param("\x00\u202e", id="control"),
    ],
)
def test_odd_input_gives_a_clear_page(client, three, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    results = soup_of(response).select_one("#search-results")
    if not query.strip():
        assert text_of(response, "#search-results .empty") == (
            "Type what you are looking for, in any language: practices, plans, "
            "services, documents and more."
        )
        assert results.select_one(".result-count") is None
    else:
        assert text_of(response, ".result-count").endswith(f"for “{query.strip()}”")
        if not results.select(".search-hit"):
            assert text_of(response, "#search-results .empty") == (
                "Nothing matches. Try fewer words or remove a filter."
            )


def test_operators_are_plain_words(client, three):
    """Search syntax is read as words: "NOT housing" is no "all but housing"."""
    response = client.get(URL, {"q": "NOT housing"})
    assert "Football afternoon" not in texts_of(response, ".search-hit h2")


def test_a_very_long_query_is_shortened_and_said(client, three):
    query = "housing " + "x" * 10_000
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert texts_of(response, ".message.warning:not(.vectors-off)") == [
        "The search was shortened to 200 characters."
    ]
    box = soup_of(response).select_one("#search-q")
    assert len(box["value"]) <= 200 and box["value"].startswith("housing x")


def test_htmx_gets_the_results_only(client, three):
    response = client.get(URL, {"q": "housing"}, headers={"HX-Request": "true"})
    page = soup_of(response)
    assert page.select_one("html") is None and page.select_one("#search-q") is None
    assert len(page.select("#search-results .search-hit")) == 3
    assert page.select_one("#search-results .facet.kinds") is not None


def test_the_page_is_wired_for_live_search(client):
    form = soup_of(client.get(URL)).select_one("form#search-form")
    assert form["action"] == URL and form["method"] == "get"
    assert form["hx-get"] == URL and form["hx-target"] == "#search-results"
    assert "from:#search-q" in form["hx-trigger"]
    assert form.select_one("label[for=search-q]").get_text() == "Search everything"


@pytest.mark.parametrize(("kind", "bound"), [("", 4), ("post", 6)])
def test_the_query_count_does_not_grow_with_the_hits(
    client, fake_kinds, django_assert_max_num_queries, kind, bound
):
    for n in range(30):
        fake_kinds.add("post", f"Bike repair {n}", "Tools.")
        fake_kinds.add("event", f"Bike ride {n}", "Helmets.")
    client.get(URL, {"q": "bike"})  # warm what a process keeps
    # Per kind its full-text match, and the vector index's state (3 today);
    # twice with a kind chosen, for the other kinds' counts (5 today).  The fake
    # kinds read no rows: a real kind adds its own visibility and hits queries.
    with django_assert_max_num_queries(bound):
        response = client.get(URL, {"q": "bike", "kind": kind, "page": 2})
    assert len(texts_of(response, ".search-hit")) == (10 if kind else 20)


# ----------------------------------------------------------------- the header


@pytest.mark.parametrize(
    "name",
    [
        "core:home",
        "core:territory_list",
        "core:organisation_list",
        "practices:list",
        "practices:collection_list",
        "plans:list",
        "directory:list",
        "directory:map",
        "library:list",
        "surveys:list",
    ],
)
def test_every_app_has_the_header_search_box(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    forms = soup_of(response).select("header form.header-search")
    assert len(forms) == 1
    form = forms[0]
    assert form["action"] == URL and form["method"] == "get"
    assert form["role"] == "search"
    box = form.select_one("input[type=search]")
    assert box["name"] == "q" and box["id"] == "header-q"
    assert text_of(response, "label[for=header-q]") == "Search everything"


def test_the_header_box_speaks_the_pages_language(client):
    response = client.get(reverse("practices:list").replace("/en/", "/ar/"))
    form = soup_of(response).select_one("header form.header-search")
    assert form["action"] == "/ar/search/"
    assert soup_of(response).html["dir"] == "rtl"


def test_the_header_box_leads_to_the_search_page(client, three):
    home = soup_of(client.get(reverse("core:home")))
    action = home.select_one("form.header-search")["action"]
    response = client.get(action, {"q": "housing fair"})
    assert texts_of(response, ".search-hit h2") == ["Housing fair"]
    # The search page has one box: its own.
    assert soup_of(response).select_one("form.header-search") is None
