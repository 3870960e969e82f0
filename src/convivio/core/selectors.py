"""Reads for the shared records."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Organisation, TargetGroup, Territory, Theme
from .text import fold


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


# ------------------------------------------------------------ finding places

#: "Name (Part of)", the way a place is shown in pickers.
_LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<parent>[^()]+)\)\s*$")


def territory_label(territory: Territory) -> str:
    """The name with what it is part of, so that places of the same name can be
    told apart in a picker: "Villaverde del Río (Sevilla)".  Countries alone."""
    parent = territory.parent if territory.parent_id else None
    return f"{territory.name} ({parent.name})" if parent else territory.name


def territory_find(
    text: str, queryset: QuerySet[Territory] | None = None
) -> list[Territory]:
    """The places a typed name means, ignoring case and accents: a label as
    pickers show it ("Villaverde del Río (Sevilla)") or a bare name, which may
    mean several places."""
    queryset = (
        Territory.objects.all() if queryset is None else queryset
    ).select_related("parent")
    text = (text or "").strip()
    labelled = _LABELLED.match(text)
    if labelled:
        found = list(
            queryset.filter(
                name_key=fold(labelled["name"]),
                parent__name_key=fold(labelled["parent"]),
            )[:20]
        )
        if found:
            return found
    key = fold(text)
    return list(queryset.filter(name_key=key)[:20]) if key else []


def territory_search(
    text: str, queryset: QuerySet[Territory] | None = None, *, limit: int = 20
) -> list[Territory]:
    """Places whose name starts with, then contains, what was typed (case and
    accents ignored): the suggestions of a picker as one types."""
    key = fold(text)
    if not key:
        return []
    queryset = Territory.objects.all() if queryset is None else queryset
    return list(
        queryset.filter(name_key__contains=key)
        .select_related("parent")
        .annotate(
            starts=Case(
                When(name_key__startswith=key, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name", "id")[:limit]
    )


def territory_options(
    queryset: QuerySet[Territory] | None = None, *, limit: int = 500
) -> list[str]:
    """Every label a picker offers without asking the server, or none when there
    are more than ``limit`` (then it suggests as one types)."""
    queryset = Territory.objects.all() if queryset is None else queryset
    rows = list(queryset.select_related("parent").order_by("name", "id")[: limit + 1])
    return [] if len(rows) > limit else [territory_label(t) for t in rows]


def territory_references(territory: Territory) -> dict[str, int]:
    """How many records of each kind point at a place (what a merge moves)."""
    from .merging import reference_counts

    return reference_counts(territory)
