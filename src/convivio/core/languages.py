"""Interface languages (settings.LANGUAGES): addresses, the cookie, a person's choice.

Content languages are another thing (core.Language): a record may be written in
Dutch while the interface offers ten languages.
"""

from __future__ import annotations

import functools
import gettext as gettext_module

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import (
    get_language_info,
    get_supported_language_variant,
)
from django.utils.translation import gettext as _


def interface_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def interface_language(code: str) -> str | None:
    """The interface language a code asks for (pt-BR → pt), or None."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def name_choices() -> list[tuple[str, str]]:
    """Each interface language named in itself (Español, العربية), as choices."""
    return [(code, get_language_info(code)["name_local"]) for code in interface_codes()]


def localised_url(url: str, code: str) -> str:
    """The same page in another interface language: /en/practices/12/?q=x → /es/…

    An address that does not resolve (a page gone since) keeps its path with the
    language prefix swapped, so that the switch never sends a person elsewhere.
    """
    translated = translate_url(url, code)
    if translated != url:
        return translated
    for other in interface_codes():
        if url.startswith(f"/{other}/"):
            return f"/{code}/{url[len(other) + 2 :]}"
    return url


def remember_in_cookie(response: HttpResponse, code: str) -> None:
    """Set the language cookie as Django's set_language does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def is_content_language(code: str) -> bool:
    from .models import Language

    return Language.objects.filter(code=code).exists()


class ApiLanguageMiddleware:
    """``?lang=`` of the JSON API: one name for every endpoint.

    It chooses the language of the texts (a record's translation) and, when it is
    an interface language, that of the messages too; without it LocaleMiddleware
    has already followed Accept-Language.  A code that is neither an interface nor
    a content language is refused with a 400 in the language of Accept-Language,
    rather than silently answered in another language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/") and "lang" in request.GET:
            code = request.GET["lang"].strip()
            interface = interface_language(code)
            if interface is None and not (
                code and len(code) <= 16 and is_content_language(code)
            ):
                from .api import api_error

                return api_error(
                    400,
                    _(
                        "Unknown language “%(code)s” in “lang”: give a language "
                        "code such as %(examples)s."
                    )
                    % {"code": code, "examples": ", ".join(interface_codes())},
                )
            if interface is not None:
                translation.activate(interface)
                request.LANGUAGE_CODE = interface
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            response.headers.setdefault("Content-Language", translation.get_language())
        return response


@functools.cache
def _country_catalogue(code: str) -> gettext_module.NullTranslations:
    import pycountry

    try:
        return gettext_module.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[code]
        )
    except OSError:
        return gettext_module.NullTranslations()


def country_name(iso_code: str, name: str) -> str:
    """A country's name in the active language, from pycountry's own catalogues
    (Debian's iso-codes): "Spain" reads "España" on /es/, "إسبانيا" on /ar/."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code.startswith("en") or not iso_code:
        return name
    catalogue = _country_catalogue(code)
    translated = catalogue.gettext(name)
    if translated == name:
        import pycountry

        country = pycountry.countries.get(alpha_2=iso_code.upper())
        if country is not None:
            translated = catalogue.gettext(country.name)
            if translated == country.name:
                translated = name
    return translated
