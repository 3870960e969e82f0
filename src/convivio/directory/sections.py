"""What the directory shows on pages of core (registered in
``DirectoryConfig.ready`` with core.hooks): a place's local diagnosis and its
services, and the places with services in the list of places."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from convivio.core import hooks
from convivio.core.models import Territory

from .models import Location
from .selectors import DirectoryFilters, filtered_services


def place(request: HttpRequest, territory: Territory) -> dict[str, Any]:
    return {
        "service_count": filtered_services(
            DirectoryFilters(territory=territory.pk)
        ).count()
    }


def register() -> None:
    hooks.register_section(
        "territory",
        "directory",
        templates={"links": "directory/_place_links.html"},
        context=place,
        order=10,
    )
    hooks.register_place_records(Location)
