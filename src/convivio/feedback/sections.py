"""What feedback shows on other apps' pages (registered in
``FeedbackConfig.ready`` with core.hooks): on a service's, network's or event's page,
its average rating, the organisation's latest replies, the "Give feedback" link
and the managers' actions; on a place's page, what service users say of its
services (feeding the local diagnosis)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from convivio.community.models import Network
from convivio.core import hooks
from convivio.core.models import Territory
from convivio.directory.models import Service
from convivio.events.models import Event

from . import permissions, selectors
from .models import Channel, target_kind

#: Set on a service by the query its page loads it with (core.hooks
#: .register_annotation): whether it has a feedback channel, open or closed.
HAS_CHANNEL = "feedback_has_channel"

#: Public replies shown on a service's page.
LATEST_REPLIES = 3


def target_section(
    request: HttpRequest, target: Service | Network | Event
) -> dict[str, Any] | None:
    manager = permissions.can_manage_target(request.user, target)
    if getattr(target, HAS_CHANNEL, None) is False and not manager:
        return None  # no channel yet: the query that loaded the page said so
    channel = selectors.open_channel(target)
    latest = selectors.channels_of(target).first() if channel is None else channel
    if latest is None and not manager:
        return None  # nothing to show yet
    return {
        "feedback_target": target,
        "feedback_kind": target_kind(target),
        "feedback_channel": channel,
        "feedback_latest": latest,
        "feedback_summary": selectors.summary(target) if latest else None,
        "feedback_replies": selectors.replies(target, limit=LATEST_REPLIES)
        if latest
        else [],
        "feedback_manager": manager,
    }


def place(request: HttpRequest, territory: Territory) -> dict[str, Any] | None:
    ratings = selectors.place_ratings(territory)
    if not ratings:
        return None
    return {"service_ratings": ratings}


def register() -> None:
    hooks.register_annotation(
        "directory.service",
        HAS_CHANNEL,
        lambda: Exists(Channel.objects.filter(service=OuterRef("pk"))),
    )
    for page in ("directory.service", "network", "event"):
        hooks.register_section(
            page,
            "feedback",
            templates={"main": "feedback/_target_section.html"},
            context=target_section,
            order=60,
        )
    hooks.register_section(
        "territory",
        "feedback",
        templates={"main": "feedback/_place_section.html"},
        context=place,
        order=40,
    )
    # The same beside the local diagnosis's own needs (directory's page).
    hooks.register_section(
        "diagnosis",
        "feedback",
        templates={"main": "feedback/_place_section.html"},
        context=place,
        order=40,
    )
