"""The notifications events send (``community.notifications``): the sentence
is written when read, in the reader's language, from ids and the title."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from convivio.community.notifications import register_kind, register_topic
from convivio.core.models import pick_translation

from . import permissions
from .models import Event, EventTranslation


def can_follow(user: Any, pk: int) -> bool:
    """Whoever may see the event follows it (topic ``event:<id>``)."""
    event = Event.objects.select_related("network").filter(pk=pk).first()
    return event is not None and permissions.can_view_event(user, event)


def describe(pks: list[int]) -> dict[int, tuple[str, str]]:
    """{pk: (title in the reader's language, address)} of the events (one
    query: their text rows with the original language of each)."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for row in EventTranslation.objects.filter(event_id__in=pks).values(
        "event_id", "language_id", "title", "event__original_language_id"
    ):
        rows.setdefault(row["event_id"], []).append(row)
    language = get_language() or ""
    found = {}
    for pk, texts in rows.items():
        chosen = (
            pick_translation(
                texts,
                language,
                texts[0]["event__original_language_id"],
                language_of=lambda row: row["language_id"],
            )
            or texts[0]
        )
        found[pk] = (chosen["title"], Event(pk=pk).get_absolute_url())
    return found


def register() -> None:
    def title(params: dict[str, Any]) -> dict[str, Any]:
        return {"title": params.get("title", "")}

    register_kind(
        "events.registered",
        lambda p: _("You are registered for “%(title)s”.") % title(p),
    )
    register_kind(
        "events.waiting",
        lambda p: _("“%(title)s” is full: you are on its waiting list.") % title(p),
    )
    register_kind(
        "events.promoted",
        lambda p: (
            _("A place freed up: you are now registered for “%(title)s”.") % title(p)
        ),
    )
    register_kind(
        "events.cancelled", lambda p: _("“%(title)s” has been cancelled.") % title(p)
    )
    register_kind(
        "events.changed",
        lambda p: _("The time or place of “%(title)s” has changed.") % title(p),
    )
    register_topic("event", can_follow=can_follow, describe=describe)
