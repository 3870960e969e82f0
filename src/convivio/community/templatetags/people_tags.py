"""Template tags of people and notifications: the unread count of the menu and
the state of the follow form."""

from __future__ import annotations

from typing import Any

from django import template

from convivio.core.permissions import is_signed_in

from .. import notifications
from ..models import Subscription

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The signed-in person's unread count (kept on the account: no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return notifications.unread_count(user)


@register.simple_tag(takes_context=True)
def follow_state(
    context: template.Context, topic: str, readable: bool = False
) -> dict[str, Any]:
    """Whether the reader may follow ``topic``, and their current mode.
    ``readable``: the page's view has checked that the reader may read what the
    topic names, so it is not loaded and checked again (one query: the mode);
    the follow view checks it in full anyway."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if readable is True:
        allowed = is_signed_in(user) and notifications.is_topic(topic)
    else:
        allowed = notifications.can_follow(user, topic)
    return {
        "allowed": allowed,
        "mode": (notifications.mode_of(user, topic) or Subscription.Mode.OFF)
        if allowed
        else "",
        "modes": Subscription.Mode.choices,
    }


@register.filter(name="moderated_label")
def moderated_label(obj: Any) -> str:
    """ "app_label.model" of a moderated row, for the report and moderation
    addresses: ``{% url 'community:report' post|moderated_label post.pk %}``."""
    from ..moderation import label_of

    return label_of(obj)
