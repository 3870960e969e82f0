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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.core.permissions import is_signed_in

from .models import Member, Network, Notification, Subscription


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
    for row in rows:
        row.delivery = chosen.get(row.user_id, default_mode)
    made = Notification.objects.bulk_create(rows)
    _count_unread({n.user_id for n in made}, +1)
    immediate = {n.user_id for n in made if n.delivery == Subscription.Mode.IMMEDIATE}
    if immediate:
        ids = [n.pk for n in made if n.user_id in immediate and n.pk]
        transaction.on_commit(lambda: _send_now(ids))
    return made


def _send_now(notification_ids: list[int]) -> None:
    """E-mail these notifications, one message each (``emails``), from the task
    worker: a slow mail server never holds the request."""
    from .tasks import send_immediate_task

    send_immediate_task.enqueue(notification_ids)


# ---------------------------------------------------------------------- topics


TOPIC = re.compile(r"^([a-z_]+):(\d{1,18})$")


@dataclass(frozen=True)
class TopicKind:
    """What can be followed: "network", "thread", "event"…  ``can_follow(user,
    pk)`` says whether the person may hear of it (they can read it);
    ``describe(pks)`` gives {pk: (title, address)} for the settings page."""

    key: str
    can_follow: Callable[[Any, int], bool]
    describe: Callable[[list[int]], dict[int, tuple[str, str]]]


_topics: dict[str, TopicKind] = {}


def register_topic(
    key: str,
    *,
    can_follow: Callable[[Any, int], bool],
    describe: Callable[[list[int]], dict[int, tuple[str, str]]],
) -> None:
    """Let people follow ``<key>:<id>`` (from an app's ``ready()``)."""
    _topics[key] = TopicKind(key, can_follow, describe)


def parse_topic(topic_name: str) -> tuple[TopicKind, int]:
    """The kind and id of a topic; ValidationError when it is not one."""
    match = TOPIC.match(topic_name or "")
    if match is None or match[1] not in _topics:
        raise ValidationError(_("This cannot be followed."))
    return _topics[match[1]], int(match[2])


def is_topic(topic_name: str) -> bool:
    """Whether the string names a kind of topic that can be followed."""
    match = TOPIC.match(topic_name or "")
    return match is not None and match[1] in _topics


def can_follow(user: Any, topic_name: str) -> bool:
    try:
        kind, pk = parse_topic(topic_name)
    except ValidationError:
        return False
    return is_signed_in(user) and kind.can_follow(user, pk)


def describe(topic_names: Iterable[str]) -> dict[str, tuple[str, str]]:
    """{topic: (title, address)} of the topics that still exist (one query or so
    per kind)."""
    by_kind: dict[str, list[int]] = {}
    for name in topic_names:
        match = TOPIC.match(name)
        if match and match[1] in _topics:
            by_kind.setdefault(match[1], []).append(int(match[2]))
    found: dict[str, tuple[str, str]] = {}
    for key, pks in by_kind.items():
        for pk, shown in _topics[key].describe(pks).items():
            found[topic(key, pk)] = shown
    return found


# --------------------------------------------------------------- subscriptions


@transaction.atomic
def subscribe(
    user: Any, topic_name: str, mode: str = Subscription.Mode.DIGEST
) -> Subscription:
    """Follow a topic in ``mode`` (or change how); only what the person may read."""
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if mode not in Subscription.Mode.values:
        raise ValidationError({"mode": _("Choose how to be told.")})
    parse_topic(topic_name)
    if not can_follow(user, topic_name):
        raise PermissionDenied(_("You cannot follow this."))
    subscription, _created = Subscription.objects.update_or_create(
        user=user, topic=topic_name, defaults={"mode": mode}
    )
    return subscription


def unsubscribe(user: Any, topic_name: str) -> None:
    """Hear nothing more of a topic (kept as "nothing", so that no default
    brings it back)."""
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    Subscription.objects.update_or_create(
        user=user, topic=topic_name, defaults={"mode": Subscription.Mode.OFF}
    )


@transaction.atomic
def stop_emails(user: Any, topic_name: str | None = None) -> None:
    """No more e-mails about a topic (every topic when None): it stays "only in
    the site"; what was not e-mailed yet will not be (the unsubscribe links)."""
    subscriptions = Subscription.objects.filter(
        user=user,
        mode__in=[Subscription.Mode.IMMEDIATE, Subscription.Mode.DIGEST],
    )
    pending = Notification.objects.filter(user=user, emailed_at__isnull=True)
    if topic_name is not None:
        subscriptions = subscriptions.filter(topic=topic_name)
        pending = pending.filter(topic=topic_name)
        Subscription.objects.get_or_create(
            user=user, topic=topic_name, defaults={"mode": Subscription.Mode.SITE}
        )
    subscriptions.update(mode=Subscription.Mode.SITE)
    pending.exclude(delivery=Subscription.Mode.SITE).update(
        delivery=Subscription.Mode.SITE
    )


def mode_of(user: Any, topic_name: str) -> str | None:
    """The person's mode for a topic, None when they never chose."""
    if not is_signed_in(user):
        return None
    return (
        Subscription.objects.filter(user=user, topic=topic_name)
        .values_list("mode", flat=True)
        .first()
    )


def subscribers(topic_name: str, *, exclude_off: bool = True) -> list[int]:
    """The ids of the people following a topic (for an app's ``notify``)."""
    qs = Subscription.objects.filter(topic=topic_name)
    if exclude_off:
        qs = qs.exclude(mode=Subscription.Mode.OFF)
    return list(qs.values_list("user_id", flat=True))


def member_joined(sender: Any, instance: Member, created: bool, **kwargs: Any) -> None:
    """A new member follows their network in the daily digest, unless they chose
    otherwise before (post_save of Member)."""
    if created and not kwargs.get("raw"):
        Subscription.objects.get_or_create(
            user_id=instance.user_id,
            topic=topic("network", instance.network_id),
            defaults={"mode": Subscription.Mode.DIGEST},
        )


def member_left(sender: Any, instance: Member, **kwargs: Any) -> None:
    """Who leaves a members-only network hears of it no more (post_delete)."""
    visibility = (
        Network.objects.filter(pk=instance.network_id)
        .values_list("visibility", flat=True)
        .first()
    )
    if visibility != Network.Visibility.PUBLIC:
        Subscription.objects.filter(
            user_id=instance.user_id, topic=topic("network", instance.network_id)
        ).delete()


def _network_can_follow(user: Any, pk: int) -> bool:
    from . import permissions

    network = Network.objects.filter(pk=pk).first()
    return network is not None and permissions.can_view_network(user, network)


def _network_describe(pks: list[int]) -> dict[int, tuple[str, str]]:
    from django.utils.translation import get_language

    networks = Network.objects.filter(pk__in=pks).prefetch_related("translations")
    language = get_language() or ""
    found = {}
    for network in networks:
        row = network.translation_for(language)
        found[network.pk] = (
            row.name if row is not None else str(network),
            network.get_absolute_url(),
        )
    return found


def register_network_topic() -> None:
    register_topic(
        "network", can_follow=_network_can_follow, describe=_network_describe
    )


# ------------------------------------------------------------------ in the site


def _count_unread(user_ids: Iterable[int], change: int) -> None:
    """Move the people's unread counts (``User.unread_notifications``) by
    ``change``, never below zero, in one statement."""
    ids = list(user_ids)
    if not ids:
        return
    people = get_user_model().objects.filter(pk__in=ids)
    if change < 0:
        people = people.filter(unread_notifications__gte=-change)
    people.update(unread_notifications=F("unread_notifications") + change)


def unread_count(user: Any) -> int:
    """How many notifications the person has not read: the count kept on the
    account, so the menu of every page shows it without a query."""
    if not is_signed_in(user):
        return 0
    return user.unread_notifications


def unread_recount(user: Any) -> int:
    """Count the unread notifications again and keep the count on the account
    (the notifications page does it: a count that drifted mends itself)."""
    count = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if count != user.unread_notifications:
        get_user_model().objects.filter(pk=user.pk).update(unread_notifications=count)
        user.unread_notifications = count
    return count


def mark_read(user: Any, notification_id: int) -> bool:
    """Mark one of the person's notifications read; False if it is not theirs."""
    found = (
        Notification.objects.filter(user=user, pk=notification_id)
        .only("pk", "read_at")
        .first()
    )
    if found is None:
        return False
    if found.read_at is None:
        Notification.objects.filter(pk=found.pk).update(read_at=timezone.now())
        _count_unread([user.pk], -1)
        user.unread_notifications = max(0, user.unread_notifications - 1)
    return True


def mark_all_read(user: Any) -> int:
    done = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    get_user_model().objects.filter(pk=user.pk).update(unread_notifications=0)
    user.unread_notifications = 0
    return done
