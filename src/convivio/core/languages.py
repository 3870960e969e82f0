"""Interface languages (settings.LANGUAGES): addresses, the cookie, a person's choice.

Content languages are another thing (core.Language): a record may be written in
Dutch while the interface offers ten languages.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import translate_url
from django.utils.translation import get_language_info, get_supported_language_variant


def interface_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def interface_language(code: str) -> str | None:
    """The interface language a code asks for (pt-BR → pt), or None."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code.strip())
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
