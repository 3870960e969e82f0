"""What discussions show on other apps' pages (registered in
``DiscussionsConfig.ready`` with core.hooks): the latest threads of a network,
of a practice, a plan, a measure or a service, with "Start a discussion"; a
person's latest posts on their page.

A practice's article is kept rendered for visitors, keyed on the practice
alone, and its page keeps a small number of queries: everybody gets the
practice's discussions from "practice.related", which the page loads after
the article.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse

from convivio.core import hooks
from convivio.core.permissions import is_moderator, is_signed_in

from . import permissions, selectors
from .models import Thread

TEMPLATE = "discussions/_section_threads.html"


def network(request: HttpRequest, network: Any) -> dict[str, Any] | None:
    from convivio.community.permissions import can_view_network

    if not can_view_network(request.user, network):
        return None
    threads = list(
        selectors.network_threads(network, request.user)[: selectors.SECTION_THREADS]
    )
    return {
        "discussion_threads": threads,
        "discussion_all_url": reverse("discussions:network_threads", args=[network.pk]),
        "discussion_start_url": reverse("discussions:network_new", args=[network.pk])
        if permissions.can_start_in_network(
            request.user, network, Thread.Kind.DISCUSSION
        )
        else "",
    }


#: Set on a plan and a service by the query their page loads them with
#: (core.hooks.register_annotation): whether any shown thread is about it (or,
#: on a plan, about one of its measures).
SHOWN = "discussion_threads_shown"
SHOWN_ON_MEASURES = "discussion_measure_threads_shown"


def _visible(field: str, outer: str = "pk") -> Exists:
    return Exists(
        Thread.objects.filter(**{field: OuterRef(outer)}, state=Thread.State.VISIBLE)
    )


def _about(
    request: HttpRequest,
    field_name: str,
    obj: Any,
    route: str,
    args,
    *,
    shown: bool | None = None,
    checked: bool = False,
):
    can_start = is_signed_in(request.user)
    if shown is False and not can_start:
        # Nothing a visitor could read nor start: the page's own query said so.
        return None
    probe = Thread(**{field_name: obj})
    if not checked and not permissions.can_view_subject(request.user, probe):
        return None
    threads = (
        []
        # None shown (a moderator's hidden ones aside): the page's query said so.
        if shown is False and not is_moderator(request.user)
        else list(
            selectors.subject_threads(field_name, obj, request.user)[
                : selectors.SECTION_THREADS
            ]
        )
    )
    if not threads and not can_start:
        return None
    return {
        "discussion_threads": threads,
        "discussion_all_url": "",
        "discussion_start_url": reverse(route, args=args) if can_start else "",
    }


def practice_related(request: HttpRequest, practice: Any) -> dict[str, Any] | None:
    """The page's view let the reader in (``practices:related`` checks who may
    view the practice), so its threads are listed without reading it again."""
    return _about(
        request,
        "practice",
        practice,
        "discussions:practice_new",
        [practice.pk],
        shown=getattr(practice, SHOWN, None),
        checked=True,
    )


def plan(request: HttpRequest, plan: Any) -> dict[str, Any] | None:
    return _about(
        request,
        "plan",
        plan,
        "discussions:plan_new",
        [plan.pk],
        shown=getattr(plan, SHOWN, None),
    )


def measure(request: HttpRequest, node: Any) -> dict[str, Any] | None:
    # The plan the measure page loaded (with the annotation), when it gave it.
    plan = node._state.fields_cache.get("plan")
    return _about(
        request,
        "node",
        node,
        "discussions:measure_new",
        [node.pk],
        shown=getattr(plan, SHOWN_ON_MEASURES, None),
    )


def service(request: HttpRequest, service: Any) -> dict[str, Any] | None:
    return _about(
        request,
        "service",
        service,
        "discussions:service_new",
        [service.pk],
        shown=getattr(service, SHOWN, None),
    )


def person(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    """Their shown posts the reader may read (the person chose to show them:
    ``PublicProfile.show_posts``, checked by the page when it has a profile)."""
    user = getattr(obj, "user", obj)
    profile = getattr(user, "public_profile", None) if user is not None else None
    if profile is not None and not profile.show_posts and request.user != user:
        return None
    posts = selectors.person_posts(user, request.user)
    if not posts:
        return None
    return {"person_posts": posts}


def register() -> None:
    hooks.register_annotation("plans.plan", SHOWN, lambda: _visible("plan"))
    hooks.register_annotation(
        "plans.plan", SHOWN_ON_MEASURES, lambda: _visible("node__plan")
    )
    hooks.register_annotation("directory.service", SHOWN, lambda: _visible("service"))
    hooks.register_annotation("practice.related", SHOWN, lambda: _visible("practice"))
    for page, fn, order in (
        ("network", network, 20),
        ("practice.related", practice_related, 80),
        ("plans.plan", plan, 80),
        ("plans.measure", measure, 80),
        ("directory.service", service, 80),
    ):
        hooks.register_section(
            page, "discussions", templates={"main": TEMPLATE}, context=fn, order=order
        )
    hooks.register_section(
        "person",
        "discussions",
        templates={"main": "discussions/_section_person_posts.html"},
        context=person,
        order=40,
    )
