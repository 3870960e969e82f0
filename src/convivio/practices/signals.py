"""Practices' receivers of core's signals (connected in ``PracticesConfig.ready``)."""

from __future__ import annotations

from collections.abc import Callable

from django.dispatch import receiver

from convivio.core.hooks import before_merge
from convivio.core.models import Organisation, Territory

from . import services
from .facets import facets_sync
from .models import Practice


@receiver(before_merge, sender=Territory, dispatch_uid="practices-place-merge")
def place_merge(sender, source: Territory, **kwargs) -> Callable[[], None]:
    """Practices are found by the names of their places: those of the place
    removed are indexed again once they point at the place kept."""
    ids = set(
        Practice.territories.through.objects.filter(territory_id=source.pk).values_list(
            "practice_id", flat=True
        )
    )

    def reindex() -> None:
        for practice in Practice.objects.filter(pk__in=ids):
            services.practice_index(practice=practice)

    return reindex


@receiver(before_merge, sender=Organisation, dispatch_uid="practices-org-merge")
def organisation_merge(sender, source: Organisation, **kwargs) -> Callable[[], None]:
    """The practice list counts by kind of organisation and searches their
    names: the practices of the organisation removed are counted and indexed
    again once they point at the one kept."""
    ids = set(source.practice_roles.values_list("practice_id", flat=True))

    def update() -> None:
        for practice in Practice.objects.filter(pk__in=ids):
            facets_sync(practice.pk)
            services.practice_index(practice=practice)

    return update
