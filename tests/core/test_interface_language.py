"""The interface language: chosen by the address (/es/…), offered from the browser
on a first visit, kept by the switch, remembered for a signed-in person, and the
API's ``lang`` parameter."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from convivio.core.models import Profile, TargetGroup, Territory, Theme
from convivio.practices.selectors import code_lists
from tests.factories import make_practice
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _sign_in(client, user):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )


# --- Addresses and the browser's preference ----------------------------------------


def test_an_arabic_browser_lands_on_the_arabic_home_page_right_to_left(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    html = soup_of(page).html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


def test_an_address_without_language_goes_to_the_browsers_with_its_query(client):
    response = client.get("/practices/?q=walks", HTTP_ACCEPT_LANGUAGE="pt-PT,pt")
    assert response["Location"] == "/pt/practices/?q=walks"


def test_the_language_cookie_wins_over_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Location"] == "/de/"


def test_a_browser_in_an_unoffered_language_gets_english(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl")["Location"] == "/en/"


def test_the_spanish_pages_are_in_spanish(client):
    page = client.get("/es/practices/")
    assert page.status_code == 200
    assert "Buenas prácticas" in text_of(page, "nav.main-nav")
    assert soup_of(page).html["lang"] == "es"


def test_the_api_and_files_keep_their_addresses(client):
    assert client.get("/api/themes").status_code == 200
    assert client.get("/es/api/themes").status_code == 404


# --- The switch ----------------------------------------------------------------------


def test_the_switch_names_each_language_in_itself(client):
    options = soup_of(client.get("/en/")).select("#language-switch option")
    named = {o["value"]: (o.get_text(strip=True), o["lang"]) for o in options}
    assert [code for code, _name in settings.LANGUAGES] == list(named)
    assert named["es"] == ("español", "es")
    assert named["ar"] == ("العربيّة", "ar")
    assert named["uk"][1] == "uk"


def test_the_switch_keeps_the_page_and_its_query(client):
    practice = make_practice(title="Welcome walks")
    here = f"/en/practices/{practice.pk}/?from=search"
    response = client.post(reverse("set_language"), {"language": "es", "next": here})
    assert response.status_code == 302
    assert response["Location"] == f"/es/practices/{practice.pk}/?from=search"
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es"
    assert cookie["max-age"] == 365 * 24 * 60 * 60  # not only until the browser closes


def test_the_switch_keeps_an_address_that_no_longer_resolves(client):
    response = client.post(
        reverse("set_language"), {"language": "el", "next": "/en/practices/gone/"}
    )
    assert response["Location"] == "/el/practices/gone/"


# --- A signed-in person's language ---------------------------------------------------


def test_a_signed_in_persons_choice_is_remembered_at_the_next_sign_in(client, user):
    _sign_in(client, user)
    client.post(reverse("set_language"), {"language": "uk", "next": "/en/"})
    assert Profile.objects.get(user=user).interface_language == "uk"
    client.post(reverse("logout"))

    client.cookies.clear()  # another browser, in English
    response = _sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"] == "/uk/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"


def test_sign_in_keeps_the_page_asked_for_in_the_persons_language(client, user):
    Profile.objects.filter(user=user).update(interface_language="it")
    response = client.post(
        reverse("login") + "?next=/en/practices/mine/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.8",
    )
    assert response["Location"] == "/it/practices/mine/"


def test_a_person_without_a_choice_keeps_the_browsers_language(client, user):
    response = _sign_in(client, user)
    assert response["Location"] == "/en/"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_the_profile_page_sets_and_clears_the_interface_language(client, user):
    client.force_login(user)
    form = {"first_name": "", "last_name": "", "bio": "", "languages": []}
    response = client.post(
        reverse("core:profile"), {**form, "interface_language": "ar"}
    )
    assert response["Location"] == "/ar/accounts/profile/"
    assert Profile.objects.get(user=user).interface_language == "ar"
    page = client.get(response["Location"])
    chosen = soup_of(page).select_one("#id_interface_language option[selected]")
    assert chosen["value"] == "ar"

    client.post("/ar/accounts/profile/", {**form, "interface_language": ""})
    assert Profile.objects.get(user=user).interface_language == ""


def test_an_anonymous_switch_remembers_nothing_on_a_profile(client, user):
    client.post(reverse("set_language"), {"language": "fr", "next": "/en/"})
    assert Profile.objects.get(user=user).interface_language == ""


# --- The API -------------------------------------------------------------------------


def test_api_lang_chooses_the_language_of_its_messages(client):
    detail = client.get("/api/practices/999999?lang=es").json()["detail"]
    assert detail == "Esa práctica no existe."


def test_api_validation_errors_come_in_the_lang_asked_for(client):
    response = client.get("/api/practices?year_from=abc&lang=es")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Solicitud no válida: ")


def test_api_follows_accept_language_without_lang(client):
    response = client.get("/api/practices/999999", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["detail"] == "Esa práctica no existe."
    assert response["Content-Language"] == "es"


def test_api_lang_wins_over_accept_language(client):
    response = client.get("/api/practices/999999?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["detail"] == "No such practice."


def test_api_refuses_an_unknown_lang_with_a_sentence(client):
    response = client.get("/api/practices?lang=klingon")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "klingon" in detail
    assert "lang" in detail


def test_api_takes_a_content_language_that_is_not_an_interface_one(client):
    # Dutch content exists though the interface is not in Dutch.
    assert client.get("/api/practices?lang=nl").status_code == 200


def test_api_practices_take_lang_for_their_texts(client):
    practice = make_practice(title="Welcome walks")
    data = client.get(f"/api/practices/{practice.pk}?lang=en").json()
    assert data["title"] == "Welcome walks"
    assert data["url"] == f"/en/practices/{practice.pk}/"


# --- Reference data ------------------------------------------------------------------


def test_theme_and_target_group_names_go_through_the_catalogues():
    # Staff may add a theme in the admin: its name is looked up in the catalogues
    # like the reference ones (here a name the Spanish catalogue holds already).
    theme = Theme.objects.create(slug="words", name="Language")
    group = TargetGroup.objects.create(slug="words", name="Language")
    with translation.override("es"):
        assert (theme.label, str(theme)) == ("Idioma", "Idioma")
        assert group.label == "Idioma"
    assert theme.label == "Language"


def test_a_name_outside_the_catalogues_shows_as_it_is():
    theme = Theme.objects.create(slug="local", name="Bairro acolhedor")
    with translation.override("ar"):
        assert theme.label == "Bairro acolhedor"


def test_country_names_come_from_pycountrys_catalogues():
    spain = Territory.objects.get(kind=Territory.Kind.COUNTRY, iso_code="ES")
    with translation.override("ar"):
        assert spain.label == "إسبانيا"
    with translation.override("de"):
        assert spain.label == "Spanien"
    with translation.override("en"):
        assert spain.label == "Spain"


def test_the_practice_filters_name_themes_and_countries_in_the_page_language():
    with translation.override("de"):
        lists = code_lists()
    assert dict(lists["countries"])["ES"] == "Spanien"
    with translation.override("en"):
        lists = code_lists()
    assert dict(lists["countries"])["ES"] == "Spain"
    assert dict(lists["themes"])["education"] == "Education"
