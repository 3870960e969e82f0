"""Notifications: in the site and by e-mail, per topic, in the reader's language.

An app registers the kinds it sends (``register_kind``) with a function writing
the sentence from the notification's ``params``; the sentence is written when it
is read, so each person reads it in their own language.  ``notify`` is called by
the apps' services after their write: it makes one row per recipient whose
subscription to the topic is not "nothing", and e-mails the ones who asked for
an e-mail each time once the transaction commits.  The daily digest gathers the
rest (``send_digests``).  Topics are strings: ``network:<id>``,
``thread:<id>``, ``event:<id>``, ``chat:<room id>``, ``codesign:<id>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from .models import Notification, Subscription


@dataclass(frozen=True)
class NotificationKind:
    key: str
    #: The sentence, from the params, in the active language.
    text: Callable[[dict[str, Any]], str]


_kinds: dict[str, NotificationKind] = {}


def register_kind(key: str, text: Callable[[dict[str, Any]], str]) -> None:
    _kinds[key] = NotificationKind(key, text)


def text_of(notification: Notification) -> str:
    kind = _kinds.get(notification.kind)
    if kind is None:
        return notification.kind
    return kind.text(notification.params)


def topic(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def modes(topic_name: str, user_ids: Iterable[int]) -> dict[int, str]:
    """{user id: mode} of the given people's subscriptions to a topic."""
    return dict(
        Subscription.objects.filter(
            topic=topic_name, user_id__in=list(user_ids)
        ).values_list("user_id", "mode")
    )


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    params: dict[str, Any],
    url: str,
    topic: str,
    actor: Any = None,
    default_mode: str = Subscription.Mode.SITE,
) -> list[Notification]:
    """One notification per recipient (the actor excepted) unless they turned the
    topic off; ``default_mode`` applies to people without a subscription."""
    people = {getattr(r, "pk", r): r for r in recipients}
    actor_id = getattr(actor, "pk", actor)
    people.pop(actor_id, None)
    if not people:
        return []
    chosen = modes(topic, people)
    rows = [
        Notification(
            user_id=user_id,
            kind=kind,
            params=params,
            url=url,
            topic=topic,
            actor_id=actor_id,
        )
        for user_id in people
        if chosen.get(user_id, default_mode) != Subscription.Mode.OFF
    ]
    made = Notification.objects.bulk_create(rows)
    immediate = [
        n.user_id
        for n in made
        if chosen.get(n.user_id, default_mode) == Subscription.Mode.IMMEDIATE
    ]
    if immediate:
        ids = [n.pk for n in made if n.user_id in set(immediate) and n.pk]
        transaction.on_commit(lambda: _send_now(ids))
    return made


def _send_now(notification_ids: list[int]) -> None:
    """E-mail these notifications, one message each (see ``emails``)."""
    from . import emails

    emails.send_immediate(notification_ids)
