"""Directory pages: filters, distance, open now, service page, editor forms."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from convivio.core.models import Territory
from convivio.directory.models import Location, Phone, Schedule, Service
from tests.html import soup_of as soup

from .test_services import make_service

LIST = reverse("directory:list")
# Vila Nova (fictional) sits around Lisbon's coordinates.
CENTRE = (38.7223, -9.1393)


def names(response) -> list[str]:
    return [card.name for card in response.context["results"].items]


@pytest.fixture
def town(organisation):
    municipality = Territory.objects.create(
        name="Vila Nova",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="PT",
        parent=Territory.objects.get(iso_code="PT"),
    )
    return {
        "territory": municipality,
        "health_ar": make_service(
            organisation,
            "Clinic Alfama",
            themes=("health",),
            languages=("ar", "pt"),
            lat=38.7115,
            lon=-9.1300,
            territory=municipality,
        ),
        "health_pt": make_service(
            organisation,
            "Bairro Health Centre",
            themes=("health",),
            languages=("pt",),
            lat=38.7230,
            lon=-9.1400,
            territory=municipality,
        ),
        "housing": make_service(
            organisation,
            "Aurora Housing Desk",
            themes=("housing",),
            languages=("ar",),
            lat=38.8000,
            lon=-9.3000,
        ),
        "far": make_service(
            organisation,
            "Porto Language School",
            themes=("language",),
            languages=("ar",),
            lat=41.1579,
            lon=-8.6291,
        ),
    }


def test_list_filters_by_theme_language_and_place(client, town):
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == [
        "Aurora Housing Desk",
        "Bairro Health Centre",
        "Clinic Alfama",
        "Porto Language School",
    ]
    assert names(client.get(LIST, {"theme": "health"})) == [
        "Bairro Health Centre",
        "Clinic Alfama",
    ]
    assert names(client.get(LIST, {"theme": "health", "language": "ar"})) == [
        "Clinic Alfama"
    ]
    pt = Territory.objects.get(iso_code="PT").pk
    assert names(client.get(LIST, {"territory": pt})) == [
        "Bairro Health Centre",
        "Clinic Alfama",
    ]
    assert names(client.get(LIST, {"q": "aurora"})) == ["Aurora Housing Desk"]


def test_inactive_services_are_not_listed(client, organisation, town):
    make_service(organisation, "Old desk", status=Service.Status.DEFUNCT)
    assert "Old desk" not in names(client.get(LIST))


def test_distance_sort_and_radius(client, town):
    lat, lon = CENTRE
    response = client.get(LIST, {"lat": lat, "lon": lon, "sort": "distance"})
    assert names(response) == [
        "Bairro Health Centre",
        "Clinic Alfama",
        "Aurora Housing Desk",
    ]  # Porto is 275 km away: outside the default 25 km
    distances = [card.distance_km for card in response.context["results"].items]
    assert distances == sorted(distances) and distances[0] < 0.2
    assert "km away" in response.content.decode()
    near = client.get(LIST, {"lat": lat, "lon": lon, "radius": "3"})
    assert names(near) == ["Bairro Health Centre", "Clinic Alfama"]
    wide = client.get(LIST, {"lat": lat, "lon": lon, "radius": "400", "sort": "name"})
    assert names(wide)[-1] == "Porto Language School"


def test_bad_coordinates_give_a_message_not_an_error(client, town):
    response = client.get(LIST, {"lat": "north", "lon": "-9.1"})
    assert response.status_code == 200
    assert "is not a number" in response.content.decode()
    response = client.get(LIST, {"lat": "95", "lon": "0"})
    assert "between -90 and 90" in response.content.decode()
    assert len(names(response)) == 4  # the filter is ignored, the list still works


def test_open_now(client, town, settings, monkeypatch):
    settings.TIME_ZONE = "UTC"
    monday_ten = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: monday_ten)
    Schedule.objects.create(
        service=town["health_ar"], weekday=1, opens_at=dt.time(9), closes_at=dt.time(17)
    )
    Schedule.objects.create(
        service=town["health_pt"],
        weekday=1,
        opens_at=dt.time(14),
        closes_at=dt.time(18),
    )
    response = client.get(LIST, {"theme": "health", "open_now": "1"})
    assert names(response) == ["Clinic Alfama"]
    assert "Open now" in response.content.decode()


def test_cards_say_closed_only_for_services_with_opening_hours(
    client, town, settings, monkeypatch
):
    settings.TIME_ZONE = "UTC"
    sunday = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: sunday)
    Schedule.objects.create(
        service=town["health_ar"], weekday=1, opens_at=dt.time(9), closes_at=dt.time(17)
    )
    page = soup(client.get(LIST, {"theme": "health"}))
    badges = {
        card.h2.get_text(strip=True): [
            b.get_text(strip=True) for b in card.select(".badge")
        ]
        for card in page.select(".service-card")
    }
    # Hours known and closed on Sunday; no hours given: nothing is claimed.
    assert badges["Clinic Alfama"] == ["Closed now"]
    assert badges["Bairro Health Centre"] == []


def test_pagination(client, organisation, settings):
    settings.CONVIVIO_PAGE_SIZE = 2
    for index in range(5):
        make_service(organisation, f"Service {index}")
    first = client.get(LIST)
    assert names(first) == ["Service 0", "Service 1"]
    assert 'rel="next"' in first.content.decode()
    assert names(client.get(LIST, {"page": 3})) == ["Service 4"]
    assert names(client.get(LIST, {"page": "x"})) == ["Service 0", "Service 1"]


def test_list_works_without_javascript_and_fits_a_phone(client, town):
    html = client.get(LIST, {"theme": "health"}).content.decode()
    # A plain GET form and plain links: nothing needs JavaScript.
    assert '<form class="directory-filters" method="get"' in html
    assert 'href="/en/directory/services/' in html
    assert 'name="viewport" content="width=device-width' in html
    # The geolocation button stays hidden until the script shows it.
    assert re.search(r"<button[^>]*data-geolocate[^>]*hidden", html)
    assert " style=" not in html and "onclick" not in html


def test_map_page_has_the_list_and_configured_tiles(client, town, settings):
    response = client.get(reverse("directory:map"), {"theme": "health"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="directory-map"' in html and "hidden" in html
    assert settings.CONVIVIO_MAP_TILES in html
    assert "leaflet/leaflet.js" in html
    assert "/en/directory/locations.geojson?theme=health" in html
    assert names(response) == ["Bairro Health Centre", "Clinic Alfama"]
    csp = response.headers.get("Content-Security-Policy", "")
    if csp:
        assert "https://tile.openstreetmap.org" in csp


def test_service_page(client, town, settings, monkeypatch):
    settings.TIME_ZONE = "UTC"
    monkeypatch.setattr(
        "django.utils.timezone.now",
        lambda: dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC),
    )
    service = town["health_ar"]
    service.email = "clinic@example.org"
    service.save()
    text = service.translations.get()
    text.required_documents = "Passport and proof of address."
    text.save()
    Phone.objects.create(service=service, number="+351 21 123 4567")
    service.contacts.create(name="Ana", phone="210 000 000", email="ana@example.org")
    Schedule.objects.create(
        service=service, weekday=1, opens_at=dt.time(9), closes_at=dt.time(17)
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert 'href="tel:+351211234567"' in html
    assert 'href="mailto:clinic@example.org"' in html
    assert 'href="tel:210000000"' in html and 'href="mailto:ana@example.org"' in html
    assert 'href="geo:38.711500,-9.130000"' in html
    assert "openstreetmap.org/?mlat=38.711500" in html
    assert "Open now" in html
    assert "09:00–17:00" in html
    assert "Passport and proof of address." in html
    assert "Not checked yet" in html
    assert "العربية" in html or "Arabic" in html


def test_unknown_or_defunct_service_is_404(client, organisation):
    assert client.get(reverse("directory:service", args=[999])).status_code == 404
    old = make_service(organisation, "Old", status=Service.Status.DEFUNCT)
    assert client.get(old.get_absolute_url()).status_code == 404


FORM = {
    "organisation": "",
    "language": "en",
    "name": "Legal aid desk",
    "description": "Free advice on residence permits.",
    "themes": [],
    "languages": ["ar", "fr"],
    "status": "active",
    "email": "legal@example.org",
    "phone": "+351 21 999 9999",
    "address": "Rua Nova 5",
    "city": "Vila Nova",
    "latitude": "38.72",
    "longitude": "-9.14",
}


def test_editor_adds_edits_and_confirms_a_service(client, editor, organisation):
    client.force_login(editor)
    assert client.get(reverse("directory:service_create")).status_code == 200
    response = client.post(
        reverse("directory:service_create"), {**FORM, "organisation": organisation.pk}
    )
    service = Service.objects.get()
    assert response.status_code == 302 and response.url == service.get_absolute_url()
    location = service.service_locations.get().location
    assert (location.latitude, location.longitude) == (38.72, -9.14)
    assert service.phones.get().number == "+351 21 999 9999"
    edit = reverse("directory:service_edit", args=[service.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {**FORM, "organisation": organisation.pk, "name": "Legal desk"})
    assert str(Service.objects.get()) == "Legal desk"
    assert service.phones.count() == 1
    client.post(reverse("directory:service_confirm", args=[service.pk]))
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Last checked on" in html


def test_bad_coordinates_in_the_form_save_nothing(client, editor, organisation):
    client.force_login(editor)
    response = client.post(
        reverse("directory:service_create"),
        {**FORM, "organisation": organisation.pk, "latitude": "123"},
    )
    assert response.status_code == 200
    assert "between -90 and 90" in response.content.decode()
    assert Service.objects.count() == 0


def test_strangers_cannot_edit(client, stranger, organisation):
    service = make_service(organisation)
    client.force_login(stranger)
    assert client.get(reverse("directory:service_create")).status_code == 403
    for name in ("service_edit", "service_hours"):
        assert (
            client.get(reverse(f"directory:{name}", args=[service.pk])).status_code
            == 403
        )
    assert (
        client.post(reverse("directory:service_confirm", args=[service.pk])).status_code
        == 403
    )
    client.logout()
    response = client.get(reverse("directory:service_edit", args=[service.pk]))
    assert response.status_code == 302


def hours_post(rows):
    data = {
        "hours-TOTAL_FORMS": str(len(rows)),
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"hours-{index}-{key}"] = value
    return data


def test_hours_formset(client, editor, organisation):
    service = make_service(organisation)
    client.force_login(editor)
    url = reverse("directory:service_hours", args=[service.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        hours_post(
            [
                {"weekday": "1", "opens_at": "09:00", "closes_at": "13:00"},
                {"weekday": "1", "opens_at": "12:00", "closes_at": "15:00"},
                {},
            ]
        ),
    )
    assert response.status_code == 200
    assert "Monday: the hours 09:00–13:00 and 12:00–15:00 overlap." in (
        response.content.decode()
    )
    assert service.schedules.count() == 0
    response = client.post(
        url,
        hours_post(
            [
                {"weekday": "1", "opens_at": "09:00", "closes_at": "13:00"},
                {"date": "2026-12-25", "closed": "on"},
                {},
            ]
        ),
    )
    assert response.status_code == 302
    assert service.schedules.count() == 2
    assert "09:00" in client.get(url).content.decode()  # the form shows saved rows


def test_query_count_is_bounded(client, organisation, django_assert_max_num_queries):
    for index in range(3):
        make_service(organisation, f"S{index}", lat=38.7, lon=-9.1)
    params = {"theme": "health", "lat": "38.7", "lon": "-9.1", "open_now": ""}
    with django_assert_max_num_queries(20) as few:
        client.get(LIST, params)
    for index in range(3, 30):
        make_service(organisation, f"S{index}", lat=38.7, lon=-9.1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, params)
    assert response.context["results"].total == 30
    service = Service.objects.first()
    with django_assert_max_num_queries(20):
        assert client.get(service.get_absolute_url()).status_code == 200


# --- Results first, filters behind one button, a place name instead of coordinates


def test_results_come_first_and_filters_sit_behind_one_button(client, town):
    page = soup(client.get(LIST))
    form = page.select_one("form.directory-filters")
    more = form.select_one("details.directory-more")
    # Folded without JavaScript (only a wide screen's script opens it).
    assert more is not None and not more.has_attr("open")
    assert more.select_one("summary").get_text(" ", strip=True) == "Filters"
    # Every facet is inside the one <details>; only the words box is outside.
    outside = [
        field["name"]
        for field in form.select("input[name], select[name]")
        if not field.find_parent("details")
    ]
    assert outside == ["q"]
    # No coordinate boxes: latitude and longitude are hidden fields that
    # "Use my location" fills.
    for name in ("lat", "lon"):
        assert form.select_one(f"input[name={name}]")["type"] == "hidden"
    assert page.select_one("label[for=directory-place]").get_text() == "Place"


def test_the_filters_button_counts_the_filters_on(client, town):
    page = soup(
        client.get(
            LIST,
            {
                "q": "clinic",  # words are in their own box, not counted
                "theme": "health",
                "language": "ar",
                "place": "Vila Nova",
                "open_now": "1",
                "sort": "name",  # an order is not a filter
            },
        )
    )
    summary = page.select_one("details.directory-more > summary")
    assert summary.select_one(".filter-count").get_text() == "4 active"
    lat, lon = CENTRE
    page = soup(client.get(LIST, {"lat": lat, "lon": lon}))
    summary = page.select_one("details.directory-more > summary")
    assert summary.select_one(".filter-count").get_text() == "1 active"
    forget = page.select_one(".near-on a")
    assert forget.get_text() == "Forget my location"
    assert "lat=" not in forget["href"] and "lon=" not in forget["href"]


def test_place_name_matches_territories_and_towns_ignoring_accents(
    client, organisation, town
):
    region = Territory.objects.create(
        name="São Brás de Alportel",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="PT",
        parent=Territory.objects.get(iso_code="PT"),
    )
    parish = Territory.objects.create(
        name="Alportel de Cima",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="PT",
        parent=region,
    )
    desk = make_service(
        organisation, "Parish desk", lat=37.2, lon=-7.9, territory=parish
    )
    Location.objects.filter(service_locations__service=desk).update(city="Loulé")
    # The territory, by name without accents or capitals, and what is inside it.
    response = client.get(LIST, {"place": "sao bras de alportel"})
    assert names(response) == ["Parish desk"]
    assert response.context["filters"].errors == ()
    # A town written on a place, not a territory: "Loulé".
    assert names(client.get(LIST, {"place": "loule"})) == ["Parish desk"]
    # "Vila Nova" is both a territory and a town; accents and case ignored.
    assert names(client.get(LIST, {"place": "VÍLA NOVA", "theme": "health"})) == [
        "Bairro Health Centre",
        "Clinic Alfama",
    ]
    # The query string of the page links keeps the place, so the address can
    # be shared.
    assert (
        "place=sao+bras"
        in client.get(LIST, {"place": "sao bras de alportel"}).context["query"]
    )


def test_a_country_is_found_by_its_name_in_the_readers_language(client, town):
    # "Portugal" is the same in Spanish: Greek readers type "Πορτογαλία".
    with translation.override("el"):
        response = client.get(reverse("directory:list"), {"place": "Πορτογαλία"})
    assert response.context["filters"].errors == ()
    assert "Clinic Alfama" in names(response)


def test_unknown_place_says_so_and_keeps_the_words(client, town):
    response = client.get(LIST, {"place": "Atlantis"})
    assert response.status_code == 200
    page = soup(response)
    alert = page.select_one(".form-errors")
    assert "No place called “Atlantis” is known here" in alert.get_text()
    assert page.select_one("#directory-place")["value"] == "Atlantis"
    assert page.select_one("details.directory-more").has_attr("open")
    assert len(names(response)) == 4  # not narrowed by a place it does not know


def test_a_territory_link_shows_the_place_name(client, town):
    territory = town["territory"]
    page = soup(client.get(LIST, {"territory": territory.pk}))
    assert page.select_one("#directory-place")["value"] == "Vila Nova"
    assert (
        page.select_one("details.directory-more .filter-count").get_text() == "1 active"
    )
