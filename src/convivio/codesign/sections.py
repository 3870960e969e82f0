"""What co-design shows on a network's page (registered in
``CodesignConfig.ready`` with core.hooks): its processes and the phase each is
in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from convivio.core import hooks

from . import permissions, selectors


def network(request: HttpRequest, network: Any) -> dict[str, Any] | None:
    processes = selectors.network_processes(network.pk)
    if not processes and not permissions.can_start_process(request.user):
        return None
    for process in processes:
        process.shown = process.translation_for(get_language())
        active = getattr(process, "active_phases", [])
        process.active = active[0] if active else None  # type: ignore[attr-defined]
    return {"codesign_processes": processes, "codesign_network": network}


def register() -> None:
    hooks.register_section(
        "network",
        "codesign",
        templates={"main": "codesign/_network_processes.html"},
        context=network,
        order=60,
    )
