"""What practices show on pages of core (registered in ``PracticesConfig.ready``
with core.hooks): the latest practices and collections on the home page, an
organisation's practices on its page.  Also the practices similar to a practice
below its article (page ``practice.related``: outside the visitors' cached
article, which is keyed on the practice alone, not on what else is published)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Organisation
from convivio.core.pagination import ROWS_PER_PAGE, paginate

from . import fits
from .selectors import (
    collection_list,
    in_language,
    practice_latest,
    practice_list_for_organisation,
)


def home(request: HttpRequest, _obj: None) -> dict[str, Any]:
    return {
        "latest_practices": practice_latest(limit=6, language=request.LANGUAGE_CODE),
        "collections": collection_list(language=request.LANGUAGE_CODE)[:3],
    }


def organisation(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    practices = paginate(
        request,
        practice_list_for_organisation(organisation=organisation),
        per_page=ROWS_PER_PAGE,
    )
    in_language(practices, request.LANGUAGE_CODE)
    return {"practices": practices}


def similar(request: HttpRequest, practice: Any) -> dict[str, Any] | None:
    language = request.LANGUAGE_CODE
    practice_id = practice.pk
    practices = fits.for_visitors(
        request,
        "practices:similar",
        practice_id,
        ["practice"],
        lambda: fits.similar_practices(
            practice_id, user=request.user, language=language
        ),
    )
    return {"similar_practices": practices} if practices else None


def register() -> None:
    hooks.register_section(
        "home", "practices", templates="practices/_home_practices.html", context=home
    )
    hooks.register_section(
        "organisation",
        "practices",
        templates="practices/_organisation_practices.html",
        context=organisation,
    )
    hooks.register_section(
        "practice.related",
        "similar",
        templates="practices/_similar_practices.html",
        context=similar,
        order=10,
    )
