"""A territory's page (what the platform knows of a place: its plans, services,
surveys and local diagnosis, the places around and inside it) and the list of
places that have something to show.  The apps built on core register what they
show of a place, and which of their records put it in the list (core.hooks)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import hooks
from .models import Territory
from .selectors import territory_ancestors, territory_merged_into


@require_GET
def territory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        territory = Territory.objects.get(pk=pk)
    except Territory.DoesNotExist:
        merged_into = territory_merged_into(pk)  # a duplicate a moderator merged
        if merged_into is not None:
            return redirect("core:territory", merged_into.pk, permanent=True)
        raise Http404(_("There is no such place.")) from None
    return render(
        request,
        "core/territory_detail.html",
        {
            "territory": territory,
            "ancestors": territory_ancestors(territory)[::-1],  # outermost first
            "children": list(territory.children.order_by("name")[:200]),
            # Its local diagnosis and services, plans, surveys, …
            "sections": hooks.sections("territory", request, territory),
        },
    )


@require_GET
def territory_list(request: HttpRequest) -> HttpResponse:
    """Places with plans, services or surveys (and their countries), for the
    local diagnosis and the territory pages."""
    shown = Q(kind=Territory.Kind.COUNTRY)
    for model, field in hooks.place_records():
        shown |= Q(Exists(model._default_manager.filter(**{field: OuterRef("pk")})))
    places: list[dict[str, Any]] = [
        {
            **place,
            "kind_label": Territory.Kind(place["kind"]).label,
            # Countries read in the reader's language, other places by their
            # own name.
            "label": Territory(
                name=place["name"], kind=place["kind"], iso_code=place["iso_code"]
            ).label,
        }
        for place in Territory.objects.filter(shown)
        .order_by("country_code", "name")
        .values("pk", "name", "kind", "country_code", "iso_code")
    ]
    countries = [p for p in places if p["kind"] == Territory.Kind.COUNTRY]
    by_country: dict[str, list[dict[str, Any]]] = {}
    for place in places:
        if place["kind"] != Territory.Kind.COUNTRY:
            by_country.setdefault(place["country_code"], []).append(place)
    groups = [
        {"country": country, "places": by_country.get(country["country_code"], [])}
        for country in countries
        if by_country.get(country["country_code"])
    ]
    return render(request, "core/territory_list.html", {"groups": groups})
