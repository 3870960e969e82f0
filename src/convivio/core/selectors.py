"""Reads for the shared records."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Organisation, TargetGroup, Territory, Theme


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("territory").order_by("name", "id")


def organisation_get(*, slug: str) -> Organisation:
    return Organisation.objects.select_related("territory").get(slug=slug)


def territory_list() -> QuerySet[Territory]:
    return Territory.objects.order_by("country_code", "kind", "name")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("name")


def territory_descendant_ids(roots: Iterable[int]) -> set[int]:
    """The territories given and every place inside them (one query per level of
    the tree: country → region → province → municipality → …)."""
    found = set(roots)
    frontier = set(found)
    while frontier:
        frontier = (
            set(
                Territory.objects.filter(parent_id__in=frontier).values_list(
                    "id", flat=True
                )
            )
            - found
        )
        found |= frontier
    return found
