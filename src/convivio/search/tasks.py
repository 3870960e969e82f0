"""Background work of search (django.tasks; `convivio db_worker` runs it)."""

from __future__ import annotations

from django.tasks import task

from . import services


@task
def vectors_update_task() -> int:
    """Embed the index entries saved since the last run."""
    return services.vectors_update()
