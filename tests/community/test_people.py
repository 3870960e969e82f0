"""A person's page: what they chose to show, to whom; the settings page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.community.models import Network, PublicProfile
from convivio.core.models import Language, Profile, Theme
from tests.community.factories import add_member, make_network
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db


def _person(**choices):
    person = UserFactory(username="ana", first_name="Ana", last_name="Lopes")
    organisation = OrganisationFactory(name="Casa das Línguas")
    Profile.objects.filter(user=person).update(
        organisation=organisation, bio="Mediadora <script>alert(1)</script>"
    )
    profile = PublicProfile.objects.create(user=person, **choices)
    theme = Theme.objects.get_or_create(slug="health", defaults={"name": "Health"})[0]
    profile.expertise.add(theme)
    return person


def _page(client, person):
    return client.get(reverse("community:person", args=[person.username]))


def test_a_visitor_sees_a_public_page_and_not_a_members_only_one(client):
    person = _person(public=True)
    response = _page(client, person)
    assert response.status_code == 200
    assert text_of(response, "main h1") == "Ana Lopes"
    assert "Casa das Línguas" in text_of(response, "main .meta")
    language = Language.objects.get_or_create(
        code="uk", defaults={"name": "Ukrainian", "native_name": "Українська"}
    )[0]
    Profile.objects.get(user=person).languages.add(language)
    tag = soup_of(_page(client, person)).select_one("main p.tags span[lang=uk]")
    assert tag is not None and tag.get_text() == language.native_name
    PublicProfile.objects.filter(user=person).update(public=False)
    assert _page(client, person).status_code == 404
    # A person who never chose: members only.
    assert _page(client, UserFactory()).status_code == 404
    assert client.get(reverse("community:person", args=["nobody"])).status_code == 404


def test_members_see_what_is_switched_on_only(client):
    person = _person(
        public=False, show_organisation=False, show_bio=True, show_expertise=False
    )
    client.force_login(UserFactory())
    response = _page(client, person)
    assert response.status_code == 200
    assert soup_of(response).select("main .meta") == []
    assert "Casa das Línguas" not in response.content.decode()
    assert soup_of(response).select("#expertise-title") == []
    # What they wrote is shown as text, never as markup.
    assert soup_of(response).select("main .prose script") == []
    assert "Mediadora <script>" in text_of(response, "main .prose")
    PublicProfile.objects.filter(user=person).update(
        display_name="Ana L.", show_expertise=True
    )
    response = _page(client, person)
    assert text_of(response, "main h1") == "Ana L."
    assert texts_of(response, "main .tags .tag") == ["Health"]


def test_practices_shown_are_the_published_ones(client):
    person = _person(public=True)
    make_practice(user=person, title="Hortas comunitárias")
    make_practice(user=person, status="draft", title="Rascunho secreto")
    response = _page(client, person)
    assert texts_of(response, ".practice-card h3") == ["Hortas comunitárias"]
    PublicProfile.objects.filter(user=person).update(show_practices=False)
    assert soup_of(_page(client, person)).select(".practice-card") == []


def test_networks_shown_are_those_the_reader_may_read(client):
    person = _person(public=True)
    add_member(make_network(name="Fórum aberto"), person)
    closed = make_network(name="Grupo fechado", visibility=Network.Visibility.MEMBERS)
    add_member(closed, person)
    response = _page(client, person)
    assert texts_of(response, "main ul.plain li a") == ["Fórum aberto"]
    reader = add_member(closed)
    client.force_login(reader)
    assert texts_of(_page(client, person), "main ul.plain li a") == [
        "Fórum aberto",
        "Grupo fechado",
    ]
    PublicProfile.objects.filter(user=person).update(show_networks=False)
    assert soup_of(_page(client, person)).select("main ul.plain") == []


def test_the_page_costs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    person = _person(public=True)
    for n in range(6):
        add_member(make_network(name=f"Rede {n}"), person)
        make_practice(user=person, title=f"Prática {n}")
    client.get(reverse("core:home"))
    with django_assert_max_num_queries(14):
        response = _page(client, person)
    assert len(texts_of(response, ".practice-card h3")) == 6


def test_the_settings_page_saves_my_choices(client):
    person = UserFactory()
    client.force_login(person)
    url = reverse("community:profile_settings")
    assert client.get(url).status_code == 200
    theme = Theme.objects.get_or_create(slug="health", defaults={"name": "Health"})[0]
    response = client.post(
        url,
        {
            "display_name": "  Maria   do Carmo ",
            "public": "on",
            "show_bio": "on",
            "expertise": [theme.pk],
        },
    )
    assert response.status_code == 302
    profile = PublicProfile.objects.get(user=person)
    assert profile.public and profile.show_bio and not profile.show_organisation
    assert profile.display_name == "Maria do Carmo"
    assert list(profile.expertise.all()) == [theme]
    # Hostile input: a clear message, nothing changed.
    response = client.post(url, {"display_name": "x" * 10_000, "expertise": ["zzz"]})
    assert response.status_code == 200
    assert soup_of(response).select(".has-error")
    profile.refresh_from_db()
    assert profile.display_name == "Maria do Carmo"


def test_the_profile_page_links_to_the_settings(client):
    client.force_login(UserFactory())
    response = client.get(reverse("core:profile"))
    links = [a["href"] for a in soup_of(response).select("main a")]
    assert reverse("community:profile_settings") in links


def test_the_demo_pages_load_twice_to_the_same(client):
    from convivio.demo.people import people_demo_load

    ana, olena = UserFactory(username="ana.f"), UserFactory(username="olena.k")
    for _ in range(2):
        people_demo_load({"coordinator": ana, "member": olena})
    assert PublicProfile.objects.filter(user__in=[ana, olena]).count() == 2
    assert _page(client, ana).status_code == 200
    assert _page(client, olena).status_code == 404  # members only
    assert Profile.objects.get(user=olena).interface_language == "uk"
