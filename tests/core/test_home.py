"""The home page presents the platform's five jobs and two first steps, and the
header's search box searches what the page is about."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_practice
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db


def test_home_presents_the_five_jobs(client, django_assert_max_num_queries):
    for index in range(8):
        make_practice(title=f"Practice {index}")
    # The six latest practices and three collections, whatever their number.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert texts_of(response, ".job-list > li > h3") == [
        "Good practices",
        "Local action plans and their monitoring",
        "Services and the local diagnosis",
        "Exchange and participation",
        "Documents library",
    ]
    page = soup_of(response)
    jobs = page.select(".job-list > li")
    links = [{a["href"] for a in job.select("a[href]")} for job in jobs]
    assert reverse("practices:list") in links[0]
    assert reverse("plans:list") in links[1]
    assert {reverse("directory:list"), reverse("core:territory_list")} <= links[2]
    assert reverse("library:list") in links[4]
    # What does not exist yet is said so; what exists instead is linked.
    assert "Coming later" in jobs[3].get_text()
    assert reverse("surveys:list") in links[3]


def test_a_newcomer_is_sent_to_the_directory_first(client):
    response = client.get(reverse("core:home"))
    steps = soup_of(response).select(".first-steps > .first-step")
    newcomer, officer = steps
    assert newcomer.h2.get_text() == "New here? Find help near you"
    form = newcomer.select_one("form")
    assert form["action"] == reverse("directory:list") and form["method"] == "get"
    assert form.select_one("button").get_text() == "Find help near you"
    assert form.select_one("input[type=search]")["name"] == "q"
    # The officers' entry: the diagnosis of a place and the plans.
    hrefs = [a["href"] for a in officer.select("a[href]")]
    assert hrefs[:2] == [reverse("core:territory_list"), reverse("plans:list")]


def test_navigation_links_surveys_and_the_local_diagnosis(client):
    nav = {
        a.get_text(): a["href"]
        for a in soup_of(client.get(reverse("core:home"))).select(".main-nav a")
    }
    assert nav["Surveys"] == reverse("surveys:list")
    assert nav["Local diagnosis"] == reverse("core:territory_list")


@pytest.mark.parametrize(
    "path",
    [
        reverse("core:home"),
        reverse("directory:list"),
        reverse("directory:map"),
        reverse("plans:list"),
        reverse("library:list"),
        reverse("surveys:list"),
    ],
)
def test_the_header_search_searches_everything(client, path):
    response = client.get(path)
    form = soup_of(response).select_one("form.header-search")
    assert form["action"] == reverse("search:search")
    box = form.select_one("input[type=search]")
    assert box["name"] == "q" and box["placeholder"] == "Search everything"
    # The label says it too, for those who do not see the placeholder.
    assert text_of(response, "label[for=header-q]") == "Search everything"


def test_the_header_search_of_the_directory_finds_services(client, organisation):
    from tests.directory.test_services import make_service

    make_service(organisation, "Clinic Alfama")
    make_service(organisation, "Housing desk", themes=("housing",))
    page = soup_of(client.get(reverse("directory:list")))
    action = page.select_one("form.header-search")["action"]
    response = client.get(action, {"q": "alfama"})
    assert texts_of(response, ".search-hit h2") == ["Clinic Alfama"]
