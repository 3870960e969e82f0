"""Every page and record in the users' languages, in the browser (JavaScript on).

* A newcomer whose browser prefers Arabic opens the site and lands in Arabic,
  right to left; finds a service written in Portuguese and reads it with the
  note that it is shown in its original language (phone-width screenshots).
* A Spanish officer works through the plan editor and the dashboard in Spanish.
* An editor has a Romanian practice machine-translated into English (a fake
  LibreTranslate on 127.0.0.1), reviews it on the translation screen; a reader of
  /en/ sees it reviewed, then outdated once the Romanian original changes.

Expected sentences come from the catalogues (gettext under the page's language),
so the tests hold before and after a catalogue pass translates new strings.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from convivio.core import translation as tr
from convivio.core.models import Membership, Theme
from convivio.core.services import membership_grant, territory_team_grant
from convivio.core.translation_screen import language_name
from convivio.directory.models import Location, Service
from convivio.plans.models import Plan, PlanNode
from convivio.practices.models import Practice
from tests import machine_translation_fake as fake
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.plans.factories import make_node, make_plan, make_territory

from .helpers import DESKTOP, PHONE, TIMEOUT_MS, field, htmx_settled
from .test_screenshots import assert_fits_width, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody


def in_language(page_language: str, message: str, /, **values: str) -> str:
    """``message`` as the catalogue of ``page_language`` gives it, values filled in."""
    with translation.override(page_language):
        text = gettext(message)
        return text % values if values else text


def language_in(page_language: str, code: str) -> str:
    """The name of language ``code`` as a page in ``page_language`` writes it."""
    with translation.override(page_language):
        return language_name(code)


@pytest.fixture
def visitor(browser: Browser, page_problems) -> Iterator:
    """`visitor(locale, viewport=…)`: a page in a fresh context whose browser
    prefers `locale` (Playwright sends it as Accept-Language)."""
    contexts: list[BrowserContext] = []

    def open_page(locale: str, *, viewport: dict | None = None) -> Page:
        viewport = viewport or DESKTOP
        context = browser.new_context(
            viewport=viewport,
            locale=locale,
            is_mobile=viewport is PHONE,
            has_touch=viewport is PHONE,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return page_problems.watch(context.new_page())

    yield open_page
    for context in contexts:
        context.close()
    assert not page_problems, "\n".join(page_problems)


def sign_in_as(page: Page, base: str, language: str, username: str) -> None:
    """Sign in through the login form of the `language` pages."""
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".site-header summary")).to_have_text(username)


# --- 1. A newcomer with an Arabic browser ------------------------------------------

CLINIC = "Centro de Saúde da Ribeira"
CLINIC_TEXT = "Consultas de medicina geral para toda a família, sem marcação."
LEGAL = "Apoio Jurídico ao Migrante"


def make_service(organisation, territory, name: str, description: str) -> Service:
    """A service written in Portuguese only, at a place of `territory`."""
    service = Service.objects.create(
        organisation=organisation, original_language_id="pt"
    )
    tr.save_original(service, {"name": name, "description": description})
    service.themes.set(Theme.objects.filter(slug="health"))
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
        "clinic": make_service(organisation, territory, CLINIC, CLINIC_TEXT),
        "legal": make_service(
            organisation, territory, LEGAL, "Informação jurídica gratuita."
        ),
    }


def test_arabic_newcomer_lands_in_arabic_and_reads_a_portuguese_service(
    live_server, portuguese_services, visitor, screenshots
):
    page = visitor("ar", viewport=PHONE)
    page.goto(f"{live_server.url}/")

    # The first visit follows the browser's language: Arabic, right to left.
    expect(page).to_have_url(re.compile(r"/ar/"))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert_fits_width(page)
    shoot(page, screenshots, "languages-ar-home-phone", PHONE)

    # The header's link to the services, in Arabic.
    page.get_by_role("banner").get_by_role(
        "link", name=in_language("ar", "Services"), exact=True
    ).click()
    expect(page).to_have_url(re.compile(r"/ar/directory/$"))
    expect(page.locator("main h1")).to_have_text(in_language("ar", "Find a service"))
    cards = page.locator(".service-card")
    expect(cards).to_have_count(2)

    # The newcomer searches with a word of the service's name (not "Saúde":
    # both services are about health, and the theme's name is indexed too).
    box = page.locator("main").get_by_label(in_language("ar", "Search services"))
    box.fill("Ribeira")
    box.press("Enter")
    expect(cards).to_have_count(1)
    link = cards.get_by_role("link", name=CLINIC)
    # The card's name is Portuguese inside an Arabic page: it says so.
    expect(link).to_have_attribute("lang", "pt")
    assert_fits_width(page)
    shoot(page, screenshots, "languages-ar-directory-phone", PHONE)

    link.click()
    clinic = portuguese_services["clinic"]
    expect(page).to_have_url(re.compile(rf"/ar/directory/services/{clinic.pk}/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    heading = page.locator("main h1")
    expect(heading).to_have_text(CLINIC)
    expect(heading).to_have_attribute("lang", "pt")
    description = page.locator(".service-description")
    expect(description).to_have_text(CLINIC_TEXT)
    expect(description).to_have_attribute("lang", "pt")
    # Around the Portuguese text, the page itself stays Arabic.
    expect(
        page.get_by_role("heading", name=in_language("ar", "Languages spoken"))
    ).to_be_visible()

    # No Arabic text exists: the note says the service is in its original language.
    note = page.locator(".translation-note")
    expect(note).to_contain_text(
        in_language(
            "ar",
            "Shown in its original language, %(language)s.",
            language=language_in("ar", "pt"),
        )
    )
    expect(note.locator(".translation-machine")).to_have_count(0)
    # A visitor not signed in is offered to sign in and ask for Arabic.
    expect(
        note.get_by_role(
            "link",
            name=in_language(
                "ar",
                "Sign in to ask for a translation into %(language)s",
                language=language_in("ar", "ar"),
            ),
        )
    ).to_be_visible()
    assert_fits_width(page)
    shoot(page, screenshots, "languages-ar-service-phone", PHONE)


# --- 2. A Spanish officer in the plan editor and the dashboard ----------------------

PLAN_TITLE = "Plan municipal de integración de Valverde del Río"
AREA = "Educación y lengua"
OBJECTIVE = "Más personas adultas aprenden español"
MEASURE = "Clases de español por la tarde en los centros cívicos"
INDICATOR = "Personas adultas inscritas en las clases"


def es(message: str, /, **values: str) -> str:
    """``message`` in Spanish, as the Spanish catalogue gives it."""
    return in_language("es", message, **values)


def editor_row(page: Page, title: str) -> Locator:
    """The editor's row of the part of the plan titled `title`."""
    return page.locator("#editor li.editor-row").filter(
        has=page.locator(".row-title", has_text=title)
    )


def plan_tab(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name=es("Plan pages")).get_by_role(
        "link", name=name, exact=True
    )


@pytest.fixture
def spanish_plan(reference_data) -> Plan:
    """A plan of a Spanish municipality, written in Spanish and being monitored,
    with an area and an objective; `oficial` is in its territory team (who may
    edit a plan) and an editor of its organisation."""
    territory = make_territory("Valverde del Río", country="ES")
    organisation = OrganisationFactory(
        name="Ayuntamiento de Valverde del Río", slug="valverde", territory=territory
    )
    officer = UserFactory(username="oficial")
    territory_team_grant(actor=None, user=officer, territory=territory)
    membership_grant(
        actor=None,
        user=officer,
        organisation=organisation,
        role=Membership.Role.EDITOR,
    )
    plan = make_plan(
        territory,
        title=PLAN_TITLE,
        status=Plan.Status.MONITORING,
        organisation=organisation,
        language="es",
    )
    area = make_node(plan, AREA, kind=PlanNode.Kind.AREA, code="4")
    make_node(plan, OBJECTIVE, kind=PlanNode.Kind.OBJECTIVE, parent=area, code="4.1")
    return plan


def test_spanish_officer_adds_a_measure_reports_a_value_and_sees_it_on_the_dashboard(
    live_server, spanish_plan, visitor, screenshots
):
    base = live_server.url
    plan = spanish_plan
    page = visitor("es-ES")
    sign_in_as(page, base, "es", "oficial")

    # The plan editor, in Spanish.
    page.goto(f"{base}/es/plans/{plan.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main h1")).to_contain_text(PLAN_TITLE)
    expect(page.locator(".editor-meta")).to_contain_text(es("Status:"))

    # Under the objective, a measure: the small form folded under the row.
    objective = editor_row(page, OBJECTIVE)
    objective.get_by_text(es("Add or assign…"), exact=True).click()
    form = objective.locator("form").filter(
        has=page.get_by_text(es("Add inside"), exact=True)
    )
    form.get_by_label(es("Kind")).select_option(label=es("measure or action"))
    form.get_by_label(es("Code")).fill("4.1.1")
    form.get_by_label(es("Title")).fill(MEASURE)
    add = form.locator("button[type=submit]")
    expect(add).to_have_text(es("Add"))
    with htmx_settled(page):
        add.click()
    measure = editor_row(page, MEASURE)
    expect(measure).to_contain_text("4.1.1")
    expect(measure.locator(".node-kind")).to_have_text(es("measure or action"))
    expect(page).to_have_url(re.compile(rf"/es/plans/{plan.pk}/edit/$"))

    # An indicator of the measure, on its own page.
    measure.get_by_text(es("Add or assign…"), exact=True).click()
    measure.get_by_text(es("Add an indicator"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/es/plans/\d+/"))
    expect(page.locator("main h1")).to_have_text(es("New indicator"))
    field(page, es("Name")).fill(INDICATOR)
    field(page, es("Unit")).fill("personas")
    field(page, es("Baseline")).fill("10")
    field(page, es("Target")).fill("40")
    field(page, es("Reporting frequency")).select_option(label=es("yearly"))
    page.get_by_role("button", name=es("Save the indicator")).click()
    expect(page.locator(".messages")).to_contain_text(es("The indicator was added."))
    expect(editor_row(page, MEASURE).get_by_role("table")).to_contain_text(INDICATOR)

    # The officer reports the 2025 value from the monitoring page.
    plan_tab(page, es("Monitoring")).click()
    expect(page).to_have_url(re.compile(rf"/es/plans/{plan.pk}/monitoring/$"))
    row = page.locator("table.monitoring-matrix tr").filter(has_text=INDICATOR)
    row.get_by_role("link", name=f"2025 {es('missing')}").click()
    expect(page).to_have_url(re.compile(r"/es/plans/indicators/\d+/report/2025/$"))
    expect(page.locator("main h1")).to_have_text(INDICATOR)
    # With no breakdown, one number: its "Value".
    field(page, es("Value")).fill("12")
    page.get_by_role("button", name=es("Submit the value")).click()
    expect(page.locator(".messages")).to_contain_text(
        es(
            "The value for %(period)s was saved and sent to the territory team.",
            period="2025",
        )
    )

    # As its territory team, the officer validates it.
    page.goto(f"{base}/es/plans/{plan.pk}/monitoring/")
    queued = page.locator("#queue article").filter(has_text=INDICATOR)
    expect(queued.locator(".queue-value")).to_contain_text("12")
    validate = queued.get_by_role("button", name=es("Validate"))
    with htmx_settled(page):
        validate.click()
    expect(page.locator("#queue")).to_contain_text(
        es("%(period)s validated.", period="2025")
    )

    # The dashboard, in Spanish, shows the value.
    plan_tab(page, es("Dashboard")).click()
    expect(page).to_have_url(re.compile(rf"/es/plans/{plan.pk}/dashboard/$"))
    card = page.locator("article.indicator").filter(
        has=page.get_by_role("heading", name=INDICATOR)
    )
    latest = card.locator(".latest")
    expect(latest).to_contain_text(f"{es('Latest')} (2025")
    expect(latest.locator(".latest-value")).to_have_text("12")
    shoot(page, screenshots, "languages-es-dashboard-desktop", DESKTOP)


# --- 3. A Romanian practice translated into English by the machine, reviewed ---------

PRACTICE_TITLE = "Cursuri de limba română pentru familii nou-sosite"
PRACTICE_SUMMARY = "Voluntarii predau limba română părinților și copiilor."
PRACTICE_CHANGED = "Voluntarii predau limba română părinților, copiilor și bunicilor."


class RomanianFakeService(fake.FakeService):
    """The fake LibreTranslate, knowing Romanian to English as well."""

    def do_GET(self):
        if urlsplit(self.path).path == "/languages":
            self.requests.append({"method": "GET", "path": "/languages"})
            self._answer(
                200,
                [
                    {"code": "ro", "name": "Romanian", "targets": ["en"]},
                    {"code": "en", "name": "English", "targets": ["ro"]},
                ],
            )
        else:
            super().do_GET()


@pytest.fixture
def libretranslate(settings) -> Iterator[type[fake.FakeService]]:
    """The fake LibreTranslate running, and the site (live server included: it
    reads the same settings) pointed at it."""
    handler = type(
        "Handler", (RomanianFakeService,), {"requests": [], "fail_with": None}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"
    handler.server_instance = server
    settings.CONVIVIO_MACHINE_TRANSLATION = "libretranslate"
    settings.CONVIVIO_LIBRETRANSLATE_URL = handler.url
    settings.CONVIVIO_LIBRETRANSLATE_API_KEY = ""
    yield handler
    fake.stop(handler)


@pytest.fixture
def romanian_practice(reference_data) -> Practice:
    """A published Romanian practice carried out by an organisation whose editor
    is `editor`."""
    organisation = OrganisationFactory(name="Asociația Vecinilor", slug="vecini")
    editor = UserFactory(username="editor")
    membership_grant(
        actor=None,
        user=editor,
        organisation=organisation,
        role=Membership.Role.EDITOR,
    )
    return make_practice(
        language="ro",
        title=PRACTICE_TITLE,
        summary=PRACTICE_SUMMARY,
        description="",
        country="RO",
        organisations=[(organisation.pk, "implementing")],
    )


def test_editor_machine_translates_a_romanian_practice_reviews_it_reader_sees_it(
    live_server, romanian_practice, libretranslate, visitor
):
    base = live_server.url
    practice = romanian_practice
    with translation.override("en"):
        english_url = f"{base}{practice.get_absolute_url()}"
    assert "/en/" in english_url
    english_title = fake.upper_html(PRACTICE_TITLE)

    # The editor reads the practice on /en/: shown in Romanian, with a button to
    # translate it into English.
    editor = visitor("en-GB")
    sign_in_as(editor, base, "en", "editor")
    editor.goto(english_url)
    expect(editor.locator("main h1")).to_have_text(PRACTICE_TITLE)
    note = editor.locator(".translation-note")
    expect(note).to_contain_text("Shown in its original language, Romanian.")
    note.get_by_role("link", name="Translate into English").click()
    expect(editor).to_have_url(
        re.compile(rf"/en/translate/practice/{practice.pk}/en/$")
    )
    expect(editor.locator("main h1")).to_have_text("Translate into English")

    # The machine translates the missing fields (the fake upper-cases them).
    editor.get_by_role(
        "button", name="Machine-translate the missing and outdated fields"
    ).click()
    expect(editor.locator(".messages")).to_contain_text(
        "The machine is translating the missing and outdated fields"
    )
    editor.reload()
    title_field = editor.locator("#field-title")
    expect(title_field.locator("textarea, input").first).to_have_value(english_title)
    expect(title_field.locator(".field-status")).to_have_text("machine translation")
    assert any(r["path"] == "/translate" for r in libretranslate.requests)

    # Read before it is reviewed, the English says it is a machine's.
    reader = visitor("en-GB")
    reader.goto(english_url)
    expect(reader.locator("main h1")).to_have_text(english_title)
    expect(reader.locator(".translation-note .translation-machine")).to_have_text(
        "Machine translation"
    )

    # The editor reviews it all.
    editor.get_by_role("button", name="Mark all reviewed").click()
    expect(editor.locator(".messages")).to_contain_text("Marked as reviewed.")
    expect(title_field.locator(".field-status")).to_have_text("reviewed translation")

    # A reader of /en/ sees the English, reviewed: no machine label.
    reader.reload()
    heading = reader.locator("main h1")
    expect(heading).to_have_text(english_title)
    expect(heading).not_to_have_attribute("lang", "ro")
    note = reader.locator(".translation-note")
    expect(note).to_contain_text("Translated from Romanian.")
    expect(note.locator(".translation-machine")).to_have_count(0)
    expect(note.locator(".translation-outdated")).to_have_count(0)
    expect(note.get_by_role("link", name="Română")).to_have_attribute("hreflang", "ro")

    # The editor changes the Romanian original (not a small correction) …
    editor.goto(f"{base}/en/practices/{practice.pk}/edit/")
    summary = field(editor, "Summary")
    expect(summary).to_have_value(PRACTICE_SUMMARY)
    summary.fill(PRACTICE_CHANGED)
    expect(
        field(editor, "Minor fix (does not outdate translations)")
    ).not_to_be_checked()
    editor.get_by_role("button", name="Save changes").click()
    expect(editor.locator(".messages")).to_contain_text("Your changes were saved.")

    # … and the English reader now sees the translation marked outdated.
    reader.reload()
    expect(reader.locator("main h1")).to_have_text(english_title)
    note = reader.locator(".translation-note")
    expect(note.locator(".translation-outdated")).to_have_text("Outdated translation")
    expect(note).to_contain_text("The original has changed since.")
    expect(note.locator(".translation-machine")).to_have_count(0)
