"""The directory in the browser, JavaScript on, on a phone.

A newcomer, not signed in, looks for a health service that is open now and
speaks Arabic: the filters leave only that one, its page gives its phone (tel:),
its e-mail (mailto:) and its opening hours, and nothing is wider than the phone.
The map page loads without errors although no map tile can be fetched here.

On a phone the first result is on the first screen: the filters sit behind one
button that counts those on; "Use my location" asks the browser, and says so
clearly when the browser refuses.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from convivio.core.models import Theme
from convivio.directory.models import (
    Location,
    Phone,
    Schedule,
    Service,
    ServiceTranslation,
)
from tests.factories import OrganisationFactory
from tests.plans.factories import make_territory

from .helpers import PHONE
from .test_screenshots import assert_fits_width as fits_window


def assert_fits_width(page) -> None:
    """Nothing wider than the phone (390 px): no sideways scrolling."""
    fits_window(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CLINIC = "Clínica Comunitária do Alto"
PT_ONLY = "Centro de Saúde da Ribeira"
LEGAL = "Apoio Jurídico ao Migrante"
CLINIC_PHONE = "+351 210 000 111"
CLINIC_EMAIL = "clinica@example.org"


def make_service(organisation, territory, name, *, theme, languages, always_open):
    """A service at a place of `territory` (written directly: reads need no rights)."""
    service = Service.objects.create(
        organisation=organisation, original_language_id="pt"
    )
    ServiceTranslation.objects.create(service=service, language_id="pt", name=name)
    service.themes.set(Theme.objects.filter(slug=theme))
    service.languages.set(languages)
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
    if always_open:  # every day 00:00–23:59: "open now" whatever the hour
        Schedule.objects.bulk_create(
            Schedule(
                service=service,
                weekday=weekday,
                opens_at=dt.time(0, 0),
                closes_at=dt.time(23, 59),
            )
            for weekday in range(1, 8)
        )
    return service


@pytest.fixture
def services(reference_data) -> dict[str, Service]:
    territory = make_territory("Vale Verde")
    organisation = OrganisationFactory(name="Rede Local", slug="rede-local")
    clinic = make_service(
        organisation,
        territory,
        CLINIC,
        theme="health",
        languages=["ar", "pt"],
        always_open=True,
    )
    Phone.objects.create(service=clinic, number=CLINIC_PHONE)
    clinic.email = CLINIC_EMAIL
    clinic.save(update_fields=["email"])
    return {
        "clinic": clinic,
        "pt_only": make_service(
            organisation,
            territory,
            PT_ONLY,
            theme="health",
            languages=["pt"],
            always_open=True,
        ),
        "legal": make_service(
            organisation,
            territory,
            LEGAL,
            theme="legal-aid",
            languages=["ar"],
            always_open=True,
        ),
    }


def test_newcomer_finds_open_health_service_in_arabic_on_a_phone(
    live_server, services, browser, page_problems
):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    try:
        page = page_problems.watch(context.new_page())
        page.goto(f"{live_server.url}/en/directory/")
        expect(page.locator("main h1")).to_have_text("Find a service")
        expect(page.locator(".result-count")).to_have_text(re.compile(r"^3 services"))
        assert_fits_width(page)

        # The filters are folded behind one button so that results come first.
        filters = page.locator("summary.filters-toggle")
        expect(filters).to_have_text("Filters")
        expect(page.get_by_label("I need")).to_be_hidden()
        filters.click()
        page.get_by_label("I need").select_option(label="Health")
        page.get_by_label("They speak").select_option(value="ar")
        page.get_by_role("checkbox", name="Open now").check()
        page.get_by_role("button", name="Show services").click()

        expect(page).to_have_url(re.compile(r"open_now=1"))
        expect(filters).to_have_text("Filters 3 active")
        filters.click()
        expect(page.locator(".result-count")).to_have_text(re.compile(r"^1 service\b"))
        cards = page.locator(".service-card")
        expect(cards).to_have_count(1)
        expect(cards.get_by_role("heading")).to_have_text(CLINIC)
        expect(cards.locator(".badge.open")).to_have_text("Open now")
        expect(page.get_by_text(PT_ONLY)).to_have_count(0)
        expect(page.get_by_text(LEGAL)).to_have_count(0)
        # The filters chosen stay chosen.
        expect(page.get_by_label("I need")).to_have_value("health")
        expect(page.get_by_label("They speak")).to_have_value("ar")
        expect(page.get_by_role("checkbox", name="Open now")).to_be_checked()
        assert_fits_width(page)

        cards.get_by_role("link", name=CLINIC).click()
        expect(page).to_have_url(
            re.compile(rf"/en/directory/services/{services['clinic'].pk}/$")
        )
        expect(page.locator("main h1")).to_have_text(CLINIC)
        expect(page.locator(".service-page .badge.open")).to_have_text("Open now")
        contacts = page.locator(".service-contacts")
        expect(contacts.get_by_role("link", name=CLINIC_PHONE)).to_have_attribute(
            "href", "tel:+351210000111"
        )
        expect(contacts.get_by_role("link", name=CLINIC_EMAIL)).to_have_attribute(
            "href", f"mailto:{CLINIC_EMAIL}"
        )
        hours = page.locator(".service-hours")
        expect(hours.get_by_role("heading", name="Opening hours")).to_be_visible()
        rows = hours.locator("table.hours-table tbody tr")
        expect(rows).to_have_count(7)
        expect(hours.locator("tr.today")).to_contain_text("(today)")
        expect(hours.locator("tr.today td")).to_contain_text(re.compile(r"0?0:00"))
        assert_fits_width(page)

        # The map page: no console error although the tiles cannot be fetched.
        page.goto(f"{live_server.url}/en/directory/map/?theme=health&language=ar")
        expect(page.locator("main h1")).to_have_text("Map of services")
        expect(page.get_by_role("region", name="Map of the services")).to_be_visible()
        expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
        expect(page.locator(".service-card")).to_have_count(1)
        assert_fits_width(page)
    finally:
        context.close()
    assert not page_problems, "\n".join(page_problems)


def _top_in_viewport(page, selector: str) -> tuple[float, float]:
    """(top, bottom) of the element in CSS pixels from the top of the screen."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box["y"], box["y"] + box["height"]


def test_on_a_phone_the_first_result_is_on_the_first_screen(
    live_server, services, browser, page_problems
):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB"
    )
    try:
        page = page_problems.watch(context.new_page())
        # Three filters on, the address shared as it is.
        page.goto(
            f"{live_server.url}/en/directory/?theme=health&language=ar&place=vale+verde"
        )
        expect(page.locator(".service-card")).to_have_count(1)
        assert page.evaluate("window.scrollY") == 0
        top, bottom = _top_in_viewport(page, ".service-card h2")
        assert 0 <= top and bottom <= PHONE["height"], (
            f"the first result's name is at {top:.0f}–{bottom:.0f}px, "
            f"below a {PHONE['height']}px screen"
        )
        filters = page.locator("summary.filters-toggle")
        expect(filters).to_be_visible()
        expect(filters.locator(".filter-count")).to_have_text("3 active")
        _f_top, f_bottom = _top_in_viewport(page, "summary.filters-toggle")
        assert f_bottom <= top  # the button comes before the results
        # A place name, not coordinates: no latitude or longitude box to fill.
        expect(page.locator("input[name=lat]")).to_have_attribute("type", "hidden")
        filters.click()
        expect(page.get_by_label("Place")).to_have_value("vale verde")
        assert_fits_width(page)
    finally:
        context.close()
    assert not page_problems, "\n".join(page_problems)


def test_near_me_uses_the_location_only_when_allowed(
    live_server, services, browser, page_problems
):
    # The browser refuses: the person reads why and what to do instead.
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="en-GB")
    try:
        page = page_problems.watch(context.new_page())
        page.goto(f"{live_server.url}/en/directory/")
        page.locator("summary.filters-toggle").click()
        page.get_by_role("button", name="Use my location").click()
        expect(page.locator("[data-geo-status]")).to_have_text(
            re.compile(r"^Your browser did not share your location\.")
        )
        expect(page).to_have_url(f"{live_server.url}/en/directory/")
    finally:
        context.close()
    # Allowed: the list is sorted by distance from there, the address says so.
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        locale="en-GB",
        permissions=["geolocation"],
        geolocation={"latitude": 38.7223, "longitude": -9.1393},
    )
    try:
        page = page_problems.watch(context.new_page())
        page.goto(f"{live_server.url}/en/directory/")
        page.locator("summary.filters-toggle").click()
        page.get_by_role("button", name="Use my location").click()
        expect(page).to_have_url(
            re.compile(r"lat=38\.72230&lon=-9\.13930.*sort=distance")
        )
        expect(page.locator(".service-card .badge.distance").first).to_have_text(
            re.compile(r"km away")
        )
        expect(page.locator("summary.filters-toggle .filter-count")).to_have_text(
            "1 active"
        )
        # Typing a place afterwards replaces the location.
        page.locator("summary.filters-toggle").click()
        page.get_by_label("Place").fill("Vale Verde")
        page.get_by_label("Place").blur()
        page.get_by_role("button", name="Show services").click()
        expect(page).to_have_url(re.compile(r"place=Vale\+Verde"))
        assert "lat=3" not in page.url
        expect(page.locator(".service-card")).to_have_count(3)
    finally:
        context.close()
    assert not page_problems, "\n".join(page_problems)


def _luminance(css_colour: str) -> tuple[float, float]:
    """(relative luminance, alpha) of a computed ``rgb()``/``rgba()`` colour."""
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    alpha = values[3] if len(values) == 4 else 1.0

    def linear(channel: float) -> float:
        channel /= 255
        if channel <= 0.03928:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in values[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue, alpha


def test_the_map_attribution_is_readable(live_server, services, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/directory/map/")
        attribution = page.locator(".leaflet-control-attribution")
        # Leaflet rewrites the box when the tile layer adds its credit: read it after.
        expect(attribution).to_contain_text("OpenStreetMap")
        ink, box = attribution.evaluate(
            "d => [getComputedStyle(d.querySelector('a')).color,"
            " getComputedStyle(d).backgroundColor]"
        )
        (fg, _), (bg, alpha) = _luminance(ink), _luminance(box)
        # An opaque box: the tiles under it cannot lower the contrast (WCAG 1.4.3).
        assert alpha == 1.0, box
        ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
        assert ratio >= 4.5, f"{ink} on {box}: {ratio:.2f}:1"
    finally:
        context.close()
