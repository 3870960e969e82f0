"""What surveys show on pages of core (registered in ``SurveysConfig.ready``
with core.hooks): a place's most relevant issues, and its open and published
surveys; the places with surveys in the list of places."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Territory

from .models import Survey
from .selectors import surveys_of_territory


def place(request: HttpRequest, territory: Territory) -> dict[str, Any]:
    surveys = surveys_of_territory(territory)
    return {"open_surveys": surveys["open"], "published_surveys": surveys["published"]}


def register() -> None:
    hooks.register_section(
        "territory",
        "surveys",
        templates={
            "links": "surveys/_place_link.html",
            "main": "surveys/_place_surveys.html",
        },
        context=place,
        order=30,
    )
    hooks.register_place_records(Survey)
