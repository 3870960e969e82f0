"""The header's search box finds records written in other languages.

* A city officer types, in English, what she looks for into the header's box
  of the home page: the practice of the Romanian ASAP guide (seed 004) about
  digital skills of migrants in Jesenice comes among the first results, marked
  as Romanian, and opens.  The kind facet narrows the results and typing other
  words updates them, in place (HTMX).
* A newcomer reading the site in Arabic asks for a doctor in Arabic: the health
  centre described only in Portuguese comes first among the services, marked
  as Portuguese, and opens.

Words alone find neither (a record must hold every word of the query, in its
own language): only the search by meaning (multilingual vectors) does.  The
vectors are computed by the search app's background task after the content is
saved, as in production; the test computes what may be left at once.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from convivio.core import translation as tr
from convivio.core.models import Theme
from convivio.core.translation_screen import native_name
from convivio.directory.models import Location, Service
from convivio.practices.models import Practice
from convivio.search import services as search_services
from tests.factories import OrganisationFactory
from tests.plans.factories import make_territory

from .helpers import PHONE, htmx_settled
from .test_screenshots import assert_fits_width

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

#: The practice of seed 004 (tests/demo/practices_content.py), in Romanian only.
JESENICE = "Jesenice: competențe digitale și incluziune socială pentru migranți"
ENGLISH_QUERY = "digital skills of migrant adults"
#: "I need a doctor for my son" — no word of it is in any record.
ARABIC_QUERY = "أحتاج إلى طبيب لابني"
CLINIC = "Centro de Saúde da Ribeira"
#: Portuguese services, the clinic and others that are no answer to the query.
SERVICES = {
    CLINIC: (
        "Consultas de medicina geral e familiar para adultos e crianças, com "
        "enfermeira e vacinas; inscreva-se com a sua morada.",
        "health",
    ),
    "Apoio Jurídico ao Migrante": (
        "Advogados explicam autorizações de residência e reagrupamento familiar.",
        "legal-aid",
    ),
    "Aulas de português à noite": (
        "Cursos de língua portuguesa para adultos, todos os níveis.",
        "language",
    ),
    "Banco alimentar": (
        "Cabazes de alimentos para famílias, uma vez por semana.",
        "social-services",
    ),
    "Loja social de roupa": (
        "Roupa e calçado gratuitos para quem chega.",
        "social-services",
    ),
}
#: How far down the list a record may be and still be "among the first": the
#: first ten, as the relevance set measures (recall@10, bench/relevance.py).
TOP = 10


def make_service(organisation, territory, name: str, description: str, theme: str):
    """A service written in Portuguese only (indexed by the directory's signals)."""
    service = Service.objects.create(
        organisation=organisation, original_language_id="pt"
    )
    tr.save_original(service, {"name": name, "description": description})
    service.themes.set(Theme.objects.filter(slug=theme))
    service.languages.set(["pt"])
    location = Location.objects.create(
        organisation=organisation,
        name=f"{name} (sede)",
        address="Rua Direita 1",
        city="Vale Verde",
        latitude=38.7223,
        longitude=-9.1393,
        territory=territory,
    )
    service.service_locations.create(location=location)
    return service


@pytest.fixture
def portuguese_services(reference_data) -> dict[str, Service]:
    territory = make_territory("Vale Verde")
    organisation = OrganisationFactory(name="Rede Local", slug="rede-local")
    return {
        name: make_service(organisation, territory, name, description, theme)
        for name, (description, theme) in SERVICES.items()
    }


@pytest.fixture
def with_vectors():
    """Whatever the background task left to embed, embedded now."""

    def compute() -> None:
        search_services.vectors_update()

    return compute


def header_search(page: Page, words: str) -> None:
    """Type ``words`` into the header's box and send them with Enter."""
    box = page.get_by_role("banner").get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))


def choose_kind(page: Page, kind: str) -> None:
    """Tick a kind facet (on a phone the filters start folded: open them)."""
    filters = page.locator("#filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()
    with htmx_settled(page):
        page.locator(f".facet.kinds input[value={kind}]").check()
    expect(page).to_have_url(re.compile(rf"[?&]kind={kind}(&|$)"))
    expect(page.locator(f".search-hit[data-kind={kind}]").first).to_be_visible()
    expect(page.locator(f".search-hit:not([data-kind={kind}])")).to_have_count(0)


def hit_titles(page: Page) -> list[str]:
    hits = page.locator(".search-hit h2")
    expect(hits.first).to_be_visible()
    return [t.strip() for t in hits.all_inner_texts()]


def test_english_words_find_the_romanian_practice_and_open_it(
    live_server, demo, new_page, with_vectors
):
    with_vectors()
    page = new_page()
    page.goto(f"{live_server.url}/en/")
    header_search(page, ENGLISH_QUERY)
    expect(page).to_have_url(re.compile(r"^[^?]*/en/search/\?"))
    expect(page.locator("#search-q")).to_have_value(ENGLISH_QUERY)
    # Words and meaning were both searched.
    expect(page.locator(".vectors-off")).to_have_count(0)

    titles = hit_titles(page)
    assert JESENICE in titles[:TOP], titles[:10]
    hit = page.locator(".search-hit").filter(
        has=page.get_by_role("link", name=JESENICE, exact=True)
    )
    expect(hit.locator(".tag.lang")).to_have_text(native_name("ro"))
    link = hit.get_by_role("link", name=JESENICE, exact=True)
    expect(link).to_have_attribute("lang", "ro")

    # The kind facet narrows the results in place (HTMX), practices only.
    page.evaluate("window.stillTheSamePage = true")
    choose_kind(page, "practice")
    # Typing other words updates the results as one types, the kind kept.
    with htmx_settled(page):
        page.locator("#search-q").fill("Jesenice")
    expect(page.locator(".result-count")).to_contain_text("for “Jesenice”")
    expect(page).to_have_url(re.compile(r"[?&]q=Jesenice(&|$)"))
    expect(page.locator(".search-hit:not([data-kind=practice])")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage === true")

    practice = Practice.objects.get(translations__title=JESENICE)
    page.get_by_role("link", name=JESENICE, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/en/practices/{practice.pk}/$"))
    expect(page.locator("main h1")).to_have_text(JESENICE)


def test_an_arabic_question_finds_the_service_described_in_portuguese(
    live_server, demo, portuguese_services, new_page, with_vectors
):
    with_vectors()
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # On a phone too the header's box is there, within the screen.
    expect(page.get_by_role("banner").get_by_role("searchbox")).to_be_visible()
    assert_fits_width(page)
    header_search(page, ARABIC_QUERY)
    expect(page).to_have_url(re.compile(r"^[^?]*/ar/search/\?"))
    expect(page.locator(".vectors-off")).to_have_count(0)

    titles = hit_titles(page)
    assert CLINIC in titles[:TOP], titles[:10]
    # Among the services it is the first: the others are no answer.
    choose_kind(page, "service")
    first = page.locator(".search-hit").first
    expect(first.locator("h2")).to_have_text(CLINIC)
    # The Portuguese text inside the Arabic page says so and runs left to right.
    expect(first.locator(".tag.lang")).to_have_text(native_name("pt"))
    link = first.get_by_role("link", name=CLINIC, exact=True)
    expect(link).to_have_attribute("lang", "pt")
    expect(link).to_have_attribute("dir", "ltr")
    assert_fits_width(page)

    link.click()
    clinic = portuguese_services[CLINIC]
    expect(page).to_have_url(re.compile(rf"/ar/directory/services/{clinic.pk}/$"))
    expect(page.locator("main h1")).to_have_text(CLINIC)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
