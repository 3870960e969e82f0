"""Posts as a searchable kind (``search.registry``), registered from
``DiscussionsConfig.ready()``: a shown post of a shown thread is found by its
text and its thread's title, by whoever may read the thread; a hit opens the
post's place in its thread. Every function reads a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, services
from .models import Post, Thread

SUMMARY_CHARS = 300


def _posts(ids: list[int]) -> QuerySet[Post]:
    return Post.objects.filter(pk__in=ids_subquery(ids))


def post_documents(ids: list[int]) -> list[Document]:
    posts = _posts(ids).select_related("thread")
    return [d for p in posts for d in services.search_entries(p)]


def post_indexable_ids() -> list[int]:
    return list(
        Post.objects.filter(
            state=Post.State.VISIBLE, thread__state=Thread.State.VISIBLE
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def post_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the shown posts of threads the person may read."""
    posts = _posts(ids).select_related(
        "thread__network",
        "thread__practice",
        "thread__plan",
        "thread__node__plan",
        "thread__service",
    )
    return {
        p.pk
        for p in posts
        if p.is_visible
        and p.thread.state == Thread.State.VISIBLE
        and permissions.can_view_subject(user, p.thread)
    }


def post_hits(ids: list[int], language: str) -> dict[int, Hit]:
    posts = _posts(ids).select_related("thread", "author")
    return {
        p.pk: Hit(
            kind=services.SEARCH_KIND,
            object_id=p.pk,
            title=p.thread.title,
            url=p.get_absolute_url(),
            summary=Truncator(p.body).chars(SUMMARY_CHARS),
            language=p.language_id,
            meta=(
                p.author.display_name() if p.author else "",
                p.created_at.date().isoformat(),
            ),
        )
        for p in posts
    }


def register_kinds() -> None:
    register(
        SearchKind(
            name=services.SEARCH_KIND,
            label=_("Discussions"),
            documents=post_documents,
            indexable_ids=post_indexable_ids,
            visible_ids=post_visible_ids,
            hits=post_hits,
            order=80,
        )
    )
