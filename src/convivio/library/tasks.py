"""Background work of the library (django.tasks; `convivio db_worker` runs it)."""

from __future__ import annotations

from django.tasks import task

from . import services
from .models import Link


@task
def check_links_task(link_ids: list[int] | None = None) -> dict[str, int]:
    """Check the links (all, or those given) and flag the broken ones."""
    links = Link.objects.all()
    if link_ids is not None:
        links = links.filter(pk__in=link_ids)
    return services.links_check(links=links)
