"""The e-mails of notifications: one at a time, or the daily digest, each in the
recipient's language with a one-click unsubscribe link.

The language is the person's interface language (their profile), else the
site's.  The unsubscribe link carries a signed token (``django.core.signing``)
naming the person and the topic ("*": every e-mail), so that it works without
signing in; the messages also carry ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` (RFC 8058) for the mail programs' own button.
A notification is e-mailed once: ``emailed_at`` is set when it goes out, and
both functions skip the ones already sent, so running them again sends nothing
new.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage, mailers
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import notifications
from .models import Notification, Subscription

logger = logging.getLogger(__name__)

#: The salt of unsubscribe tokens (a token of another purpose never passes).
SALT = "convivio.community.unsubscribe"
#: The topic of a token that stops every e-mail (the digest's link).
ALL_TOPICS = "*"


# ---------------------------------------------------------------------- tokens


def unsubscribe_token(user_id: int, topic_name: str) -> str:
    return signing.dumps({"u": user_id, "t": topic_name}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str]:
    """(user id, topic) of a token; ``signing.BadSignature`` when it was changed."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not a token")
    user_id, topic_name = data.get("u"), data.get("t")
    if not isinstance(user_id, int) or not isinstance(topic_name, str):
        raise signing.BadSignature("not a token")
    return user_id, topic_name


def unsubscribe_url(user_id: int, topic_name: str) -> str:
    path = reverse(
        "community:unsubscribe", args=[unsubscribe_token(user_id, topic_name)]
    )
    return absolute(path)


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.CONVIVIO_SITE_URL + path


def language_of(user: Any) -> str:
    """The person's interface language, else the site's."""
    try:
        code = user.profile.interface_language or ""
    except ObjectDoesNotExist:
        code = ""
    available = {code for code, _name in settings.LANGUAGES}
    return code if code in available else settings.LANGUAGE_CODE


def _message(user: Any, subject: str, body: str, unsubscribe: str) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except OSError:
        logger.exception("Could not send %d notification e-mails", len(messages))
        return 0


def _pending(qs: QuerySet[Notification]) -> QuerySet[Notification]:
    return (
        qs.filter(emailed_at__isnull=True)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user", "user__profile")
        .order_by("user_id", "topic", "created_at", "id")
    )


# ------------------------------------------------------------------- immediate


def send_immediate(notification_ids: list[int]) -> int:
    """E-mail each notification to its person; returns how many went out."""
    sent = 0
    rows = list(_pending(Notification.objects.filter(pk__in=notification_ids)))
    messages, done = [], []
    for notification in rows:
        user = notification.user
        with translation.override(language_of(user)):
            text = notifications.text_of(notification)
            unsubscribe = unsubscribe_url(user.pk, notification.topic)
            body = render_to_string(
                "community/notifications/email_immediate.txt",
                {
                    "text": text,
                    "link": absolute(notification.url),
                    "unsubscribe": unsubscribe,
                    "settings_link": absolute(
                        reverse("community:notification_settings")
                    ),
                },
            )
            messages.append(_message(user, _subject(text), body, unsubscribe))
        done.append(notification.pk)
    sent = _send(messages)
    if sent:
        Notification.objects.filter(pk__in=done).update(emailed_at=timezone.now())
    return sent


def _subject(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 120 else line[:119] + "…"


# ---------------------------------------------------------------------- digest


def send_digests() -> int:
    """One digest per person of what they have not been e-mailed yet, grouped by
    topic; returns how many e-mails went out."""
    rows = _pending(Notification.objects.filter(delivery=Subscription.Mode.DIGEST))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in rows.iterator(chunk_size=2000):
        by_user[notification.user_id].append(notification)
    if not by_user:
        return 0
    # A topic turned to "only in the site" or "nothing" since stays out.
    quiet = set(
        Subscription.objects.filter(
            user_id__in=list(by_user),
            mode__in=[Subscription.Mode.SITE, Subscription.Mode.OFF],
        ).values_list("user_id", "topic")
    )
    sent = 0
    now = timezone.now()
    for user_id, found in by_user.items():
        kept = [n for n in found if (user_id, n.topic) not in quiet]
        skipped = [n.pk for n in found if (user_id, n.topic) in quiet]
        if skipped:
            # Never e-mailed: they stay in the site only.
            Notification.objects.filter(pk__in=skipped).update(
                delivery=Subscription.Mode.SITE
            )
        if not kept:
            continue
        message = _digest(kept[0].user, kept)
        if _send([message]):
            Notification.objects.filter(pk__in=[n.pk for n in kept]).update(
                emailed_at=now
            )
            sent += 1
    return sent


def _digest(user: Any, found: list[Notification]) -> EmailMessage:
    with translation.override(language_of(user)):
        titles = notifications.describe({n.topic for n in found})
        groups: dict[str, list[Notification]] = defaultdict(list)
        for notification in found:
            groups[notification.topic].append(notification)
        topics = [
            {
                "title": titles.get(name, ("", ""))[0] or _("Other news"),
                "link": absolute(titles[name][1]) if name in titles else "",
                "unsubscribe": unsubscribe_url(user.pk, name),
                "items": [
                    {"text": notifications.text_of(n), "link": absolute(n.url)}
                    for n in items
                ],
            }
            for name, items in groups.items()
        ]
        unsubscribe = unsubscribe_url(user.pk, ALL_TOPICS)
        body = render_to_string(
            "community/notifications/email_digest.txt",
            {
                "topics": topics,
                "unsubscribe": unsubscribe,
                "settings_link": absolute(reverse("community:notification_settings")),
            },
        )
        subject = ngettext(
            "Convivio: %(count)d new notification",
            "Convivio: %(count)d new notifications",
            len(found),
        ) % {"count": len(found)}
        return _message(user, subject, body, unsubscribe)
