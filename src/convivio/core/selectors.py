"""Reads for the shared records."""

from __future__ import annotations

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
