"""Co-design processes for tests, made through the services."""

from __future__ import annotations

from typing import Any

from convivio.codesign import services
from convivio.codesign.models import Phase, Process
from tests.community.factories import coordinator_of, make_network


def make_process(
    network: Any = None, *, title: str = "Cuidar de quem cuida", **extra: Any
) -> Process:
    network = network or make_network()
    return services.process_create(
        coordinator_of(network),
        network=network,
        title=title,
        challenge=extra.pop("challenge", "Como podemos apoiar as mães migrantes?"),
        language=extra.pop("language", "pt"),
        **extra,
    )


def move_to(process: Process, kind: str) -> Process:
    """Put the process in phase ``kind`` directly (tests of one phase's rules)."""
    Phase.objects.filter(process=process).update(active=False)
    Phase.objects.filter(process=process, kind=kind).update(active=True)
    return Process.objects.get(pk=process.pk)
