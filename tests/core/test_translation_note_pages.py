"""The translation note on the record pages besides practices: a plan (with a
label on its nodes shown in a machine's translation), a service."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation as django_translation

from convivio.core import translation as tr
from convivio.directory.models import Service
from tests.directory.test_services import make_service
from tests.html import soup_of, text_of
from tests.plans.factories import make_node, make_plan, make_territory

pytestmark = pytest.mark.django_db


def url(name: str, pk: int, page: str) -> str:
    with django_translation.override(page):
        return reverse(name, args=[pk])


def test_plan_in_portuguese_on_an_english_page(client):
    plan = make_plan(
        make_territory("Vale Novo"), title="Plano municipal", language="pt"
    )
    machine = make_node(plan, "Aulas de português")
    person = make_node(plan, "Balcão único")
    tr.save_translation(
        machine, "en", {"title": "Portuguese classes"}, origin="machine"
    )
    tr.save_translation(person, "en", {"title": "One-stop desk"})
    response = client.get(url("plans:detail", plan.pk, "en"))
    page = soup_of(response)
    assert page.select_one("h1")["lang"] == "pt"
    assert "Portuguese" in text_of(response, ".translation-shown")
    titles = page.select(".node-title")
    assert [t.select(".badge.translation-machine") != [] for t in titles] == [
        True,
        False,
    ]
    # The English titles are the page's language: no lang of their own.
    assert titles[0].select_one("span[lang]") is None


def test_service_page_offers_its_other_languages(client, organisation):
    service = make_service(organisation, "Legal aid desk")
    tr.save_translation(
        Service.objects.get(pk=service.pk), "ar", {"name": "مكتب المساعدة القانونية"}
    )
    response = client.get(url("directory:service", service.pk, "es"))
    assert "inglés" in text_of(response, ".translation-shown")
    link = soup_of(response).select_one(".translation-links a")
    assert (link["href"], link["lang"], link["dir"]) == ("?lang=ar", "ar", "rtl")
    chosen = client.get(url("directory:service", service.pk, "es") + "?lang=ar")
    assert soup_of(chosen).select_one("h1")["dir"] == "rtl"
    assert text_of(chosen, "h1") == "مكتب المساعدة القانونية"
