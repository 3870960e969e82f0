"""Content written in another language than the page's carries a ``lang``
attribute, so that a screen reader reads it with the right voice: services,
practices, plans, documents and survey titles (the page here is in English)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from convivio.core.models import Language
from convivio.directory.models import Service, ServiceTranslation
from convivio.library.models import Document
from convivio.library.translations import follow_text_language
from convivio.surveys.models import Survey
from tests.core.test_territory_page import make_survey
from tests.directory.test_services import make_service
from tests.factories import make_practice
from tests.html import soup_of
from tests.library.helpers import add_document
from tests.plans.factories import make_node, make_plan, make_territory

pytestmark = pytest.mark.django_db


def lang_of(response, selector: str) -> str | None:
    found = soup_of(response).select(selector)
    assert len(found) == 1, f"{selector!r} picks {len(found)} elements"
    return found[0].get("lang")


def test_services_in_portuguese(client, organisation):
    town = make_territory("Vale Novo")
    service = make_service(organisation, "x", lat=38.7, lon=-9.1, territory=town)
    Service.objects.filter(pk=service.pk).update(original_language_id="pt")
    ServiceTranslation.objects.filter(service=service).update(
        language_id="pt", name="Consulta do migrante", description="Para todos."
    )
    english = make_service(organisation, "Legal aid desk")
    listing = client.get(reverse("directory:list"))
    cards = {
        card.a.get_text(): card.a.get("lang")
        for card in soup_of(listing).select(".service-card h2")
    }
    assert cards == {"Consulta do migrante": "pt", "Legal aid desk": None}
    page = client.get(service.get_absolute_url())
    assert lang_of(page, "main h1") == "pt"
    assert lang_of(page, ".service-description") == "pt"
    assert lang_of(client.get(english.get_absolute_url()), "main h1") is None
    # Translated into English: the English name, and the name on the door in
    # Portuguese beside it.
    ServiceTranslation.objects.create(
        service=service, language_id="en", name="Migrants' appointment"
    )
    listing = client.get(reverse("directory:list"))
    card = next(
        card
        for card in soup_of(listing).select(".service-card")
        if card.h2.get_text() == "Migrants' appointment"
    )
    assert card.h2.a.get("lang") is None
    local = card.select_one(".local-name span")
    assert (local.get_text(), local["lang"]) == ("Consulta do migrante", "pt")
    page = client.get(service.get_absolute_url())
    assert lang_of(page, "main h1") is None
    assert lang_of(page, ".local-name span") == "pt"
    # The map's popups get the language of each name.
    data = json.loads(client.get(reverse("directory:geojson")).content)
    [service_json] = data["features"][0]["properties"]["services"]
    assert service_json == {
        "id": service.pk,
        "name": "Migrants' appointment",
        "language": "en",
        "url": service.get_absolute_url(),
    }


def test_practices_in_romanian(client):
    make_practice(language="ro", title="Mentorat pentru migranți", summary="Pe scurt.")
    make_practice(title="Mentoring in English")
    home = soup_of(client.get(reverse("core:home")))
    titles = {a.get_text(): a.get("lang") for a in home.select(".practice-card h3 a")}
    assert titles == {"Mentorat pentru migranți": "ro", "Mentoring in English": None}


def test_plans_in_portuguese(client):
    town = make_territory("Vale Novo")
    plan = make_plan(town, title="Plano municipal", language="pt")
    make_plan(town, title="Municipal plan in English")
    listing = soup_of(client.get(reverse("plans:list")))
    titles = {a.get_text(): a.get("lang") for a in listing.select(".plan-table td > a")}
    assert titles == {"Plano municipal": "pt", "Municipal plan in English": None}
    node = make_node(plan, "Acolhimento")
    node.translations.update(text="Texto da medida.")
    detail = client.get(plan.get_absolute_url())
    assert lang_of(detail, "main h1") == "pt"
    assert lang_of(detail, ".node-title > span[lang]") == "pt"
    assert lang_of(detail, ".node-text") == "pt"
    territory = soup_of(client.get(reverse("core:territory", args=[town.pk])))
    links = territory.select(".territory-plans a")
    titles = {a.get_text(): a.get("lang") for a in links}
    assert titles["Plano municipal"] == "pt"


def test_documents_in_romanian(client):
    document = add_document(title="Ghid de bune practici", is_public=True)
    Document.objects.filter(pk=document.pk).update(
        text_language=Language.objects.get(code="ro")
    )
    # What ingestion does once it has read the text: the language guessed
    # when the document was added becomes the text's.
    follow_text_language(document.pk, "ro")
    add_document(title="English guide", name="other.txt", is_public=True)
    listing = soup_of(client.get(reverse("library:list")))
    titles = {
        a.get_text(): a.get("lang") for a in listing.select(".document-item h3 a")
    }
    assert titles == {"Ghid de bune practici": "ro", "English guide": None}
    assert lang_of(client.get(document.get_absolute_url()), "main h1") == "ro"


def test_survey_titles_in_portuguese(client):
    town = make_territory("Vale Novo")
    open_survey = make_survey(
        town, "Inquérito", status=Survey.Status.OPEN, language="pt"
    )
    make_survey(town, "Needs", status=Survey.Status.CLOSED, public=True)
    listing = soup_of(client.get(reverse("surveys:list")))
    links = listing.select(".survey-cards li > a")
    titles = {a.get_text(): a.get("lang") for a in links}
    assert titles == {"Inquérito": "pt", "Needs": None}

    # The answering page: the survey's words in its language, the page's own not.
    page = client.get(reverse("surveys:answer", args=[open_survey.pk]))
    assert lang_of(page, "main h1") == "pt"
    assert lang_of(page, ".answer-page > p.meta") is None


def test_survey_results_title_in_portuguese_inside_an_english_sentence(client):
    town = make_territory("Vale Novo")
    survey = make_survey(
        town, "Inquérito <b>2025</b>", status=Survey.Status.CLOSED, public=True
    )
    # Written in Portuguese: its text is the Portuguese row.
    survey.translations.update(language_id="pt")
    Survey.objects.filter(pk=survey.pk).update(original_language_id="pt")
    page = client.get(reverse("surveys:results", args=[survey.pk]))
    heading = soup_of(page).select_one("main h1")
    assert heading.get_text() == "Results: Inquérito <b>2025</b>"  # escaped
    assert heading.select_one("span")["lang"] == "pt"
    assert heading.select_one("b") is None
