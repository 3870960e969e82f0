"""Reads of threads and posts, each in a fixed number of queries whatever the
number of posts, reactions, attachments, quotes or mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from convivio.core.permissions import is_signed_in

from . import permissions
from .models import Mention, Post, PostAttachment, Reaction, Thread

#: Threads a page's section lists.
SECTION_THREADS = 5


def threads_per_page() -> int:
    return settings.CONVIVIO_PAGE_SIZE


def _listed(qs: QuerySet[Thread], user: Any, moderates: bool) -> QuerySet[Thread]:
    if not moderates:
        qs = qs.filter(state=Thread.State.VISIBLE)
    return qs.select_related("created_by").order_by("-pinned", "-last_post_at", "-id")


def network_threads(network: Any, user: Any) -> QuerySet[Thread]:
    """A network's threads, pinned first then the latest active (the caller
    has checked the person reads the network)."""
    from convivio.community.permissions import can_moderate_network

    return _listed(
        Thread.objects.filter(network=network),
        user,
        can_moderate_network(user, network),
    )


def subject_threads(field_name: str, obj: Any, user: Any) -> QuerySet[Thread]:
    """The threads about a practice, plan, measure ("node") or service."""
    from convivio.core.permissions import is_moderator

    return _listed(Thread.objects.filter(**{field_name: obj}), user, is_moderator(user))


def thread_get(pk: int) -> Thread | None:
    return (
        Thread.objects.select_related(
            "network", "practice", "plan", "node__plan", "service", "created_by"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class PostView:
    """A post as the thread page shows it."""

    post: Post
    replies: list[PostView] = field(default_factory=list)
    #: [(kind, sign, label, count, mine)] in the order of ``Reaction.Kind``.
    reactions: list[tuple[str, str, str, int, bool]] = field(default_factory=list)
    attachments: list[Any] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    #: The text is shown (visible, or the reader moderates).
    readable: bool = True


def _top_level(thread: Thread) -> QuerySet[Post]:
    return Post.objects.filter(thread=thread, parent=None).order_by("id")


def page_of_post(post: Post) -> int:
    """The page of the thread showing ``post`` (pages count top-level posts)."""
    root_id = post.root_id or post.pk
    before = (
        Post.objects.filter(thread_id=post.thread_id, parent=None, id__lt=root_id)
        .order_by()
        .count()
    )
    return before // threads_per_page() + 1


def thread_posts(
    thread: Thread, roots: list[Post], user: Any, *, moderates: bool
) -> list[PostView]:
    """The page's top-level posts with every reply under them, nested, with
    their reactions (counted, the reader's marked), attachments, quotes and
    mentions: five queries."""
    root_ids = [p.pk for p in roots]
    if not root_ids:
        return []
    posts = list(
        Post.objects.filter(Q(pk__in=root_ids) | Q(root_id__in=root_ids))
        .select_related("author", "quoted_post__author")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=PostAttachment.objects.select_related("document").order_by(
                    "id"
                ),
            ),
            Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("user").order_by("id"),
            ),
        )
        .order_by("id")
    )
    ids = [p.pk for p in posts]
    counts: Counter[tuple[int, str]] = Counter()
    mine: set[tuple[int, str]] = set()
    uid = user.pk if is_signed_in(user) else None
    for post_id, kind, who in Reaction.objects.filter(post_id__in=ids).values_list(
        "post_id", "kind", "user_id"
    ):
        counts[(post_id, kind)] += 1
        if who == uid:
            mine.add((post_id, kind))
    views: dict[int, PostView] = {}
    children: dict[int, list[PostView]] = defaultdict(list)
    for post in posts:
        post.thread = thread  # the page's thread, not one query per post
        view = PostView(
            post=post,
            readable=post.state == Post.State.VISIBLE
            or (moderates and post.state == Post.State.HIDDEN),
            reactions=[
                (
                    kind,
                    Reaction.SIGNS[kind],
                    str(label),
                    counts[(post.pk, kind)],
                    (post.pk, kind) in mine,
                )
                for kind, label in Reaction.Kind.choices
            ],
            attachments=[a.document for a in post.attachments.all()],
            mentions=[m.user.username for m in post.mentions.all()],
        )
        views[post.pk] = view
        if post.parent_id is not None:
            children[post.parent_id].append(view)
    for pk, view in views.items():
        view.replies = children.get(pk, [])
    return [views[pk] for pk in root_ids if pk in views]


def person_posts(author: Any, reader: Any, limit: int = 10) -> list[Post]:
    """A person's latest shown posts that ``reader`` may read (threads checked
    one by one among a bounded number)."""
    posts = (
        Post.objects.filter(
            author=author,
            state=Post.State.VISIBLE,
            thread__state=Thread.State.VISIBLE,
        )
        .select_related(
            "thread__network",
            "thread__practice",
            "thread__plan",
            "thread__node__plan",
            "thread__service",
        )
        .order_by("-id")[: limit * 3]
    )
    readable = [p for p in posts if permissions.can_view_subject(reader, p.thread)]
    return readable[:limit]
