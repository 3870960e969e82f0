"""Writes on threads and posts; each checks the person's right first
(``permissions``), validates, writes in one transaction, then indexes the text
for search and notifies.

Replies nest three levels deep (``Post.MAX_DEPTH``): a reply to a post of the
third level is attached beside it, to that post's parent (still the third
level), and quotes the post it answers unless it quotes another one, so that
the conversation stays readable on a phone and nothing is refused.

A post's state follows moderation (``community.moderation.hide``/``restore``
save ``state`` alone): ``state_changed`` — called from the ``post_save``
signal for such saves, and by ``post_delete`` here — keeps the thread's state,
its count of shown posts and the search index in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.community import moderation, notifications
from convivio.community.models import Member, ModerationEvent, Subscription
from convivio.core import ratelimit
from convivio.core.models import Language
from convivio.library import services as library_services
from convivio.search.backends import Document as SearchDocument
from convivio.search.services import index_remove, index_replace

from . import permissions
from .models import Mention, Post, PostAttachment, Reaction, Thread

SEARCH_KIND = "post"
RATE_SETTING = "CONVIVIO_RATE_POST"
#: Files one post may carry.
MAX_ATTACHMENTS = 5
#: People one post may notify by naming them.
MAX_MENTIONS = 20
#: @username: the characters Django allows in a username, not after a word
#: character (an e-mail address is not a mention).
MENTION = re.compile(r"(?<![\w@.])@([\w.@+-]{1,150})")

NEW_THREAD = "discussions.new_thread"
NEW_POST = "discussions.new_post"
REPLY = "discussions.reply"
MENTIONED = "discussions.mention"


# ------------------------------------------------------------------ checking


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the discussion a title.")})
    if len(title) > Thread.TITLE_MAX:
        raise ValidationError(
            {
                "title": _("The title is %(count)d characters; at most %(max)d.")
                % {"count": len(title), "max": Thread.TITLE_MAX}
            }
        )
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > Post.BODY_MAX:
        raise ValidationError(
            {
                "body": _("The text is %(count)d characters; at most %(max)d.")
                % {"count": len(body), "max": Post.BODY_MAX}
            }
        )
    return body


def _clean_language(code: str) -> str:
    if not code or not Language.objects.filter(code=code).exists():
        raise ValidationError({"language": _("Choose the language you write in.")})
    return code


def _clean_files(files: Iterable[UploadedFile]) -> list[UploadedFile]:
    files = [f for f in files if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": _("At most %(max)d files per post.")
                % {"max": MAX_ATTACHMENTS}
            }
        )
    return files


def mentioned_names(body: str) -> list[str]:
    """The usernames named with @ in ``body``, in order, once each."""
    names: list[str] = []
    for match in MENTION.finditer(body):
        name = match.group(1).rstrip(".-")
        if name and name not in names:
            names.append(name)
    return names[:MAX_MENTIONS]


# ------------------------------------------------------------------- writing


@transaction.atomic
def thread_start(
    user: Any,
    *,
    title: str,
    body: str,
    language: str,
    kind: str = Thread.Kind.DISCUSSION,
    network: Any = None,
    practice: Any = None,
    plan: Any = None,
    node: Any = None,
    service: Any = None,
    files: Iterable[UploadedFile] = (),
) -> Thread:
    """A new thread and its opening post, in a network or about one record."""
    subjects = [s for s in (network, practice, plan, node, service) if s is not None]
    if len(subjects) != 1:
        raise ValidationError(_("A thread is about exactly one thing."))
    if kind not in Thread.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of post this is.")})
    thread = Thread(
        kind=kind,
        network=network,
        practice=practice,
        plan=plan,
        node=node,
        service=service,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if network is not None:
        permissions.require_start_in_network(user, network, kind)
    else:
        permissions.require_start_about(user, thread)
    thread.title = _clean_title(title)
    body = _clean_body(body)
    thread.language_id = _clean_language(language)
    files = _clean_files(files)
    ratelimit.check_member("post", user, RATE_SETTING)
    now = timezone.now()
    thread.last_post_at = now
    thread.post_count = 1
    thread.save()
    post = Post.objects.create(
        thread=thread, author=user, body=body, language_id=thread.language_id, depth=1
    )
    _attach(user, post, files)
    _follow(user, thread)
    mentioned = _mentions(post, set())
    _index(post)
    url = post.get_absolute_url()
    if network is not None:
        notifications.notify(
            Member.objects.filter(network=network).values_list("user_id", flat=True),
            kind=NEW_THREAD,
            params={"title": thread.title, "name": user.display_name()},
            url=thread.get_absolute_url(),
            topic=notifications.topic("network", network.pk),
            actor=user,
        )
    _notify_mentions(post, mentioned, url)
    return thread


@transaction.atomic
def post_reply(
    user: Any,
    thread: Thread,
    *,
    body: str,
    language: str,
    parent: Post | None = None,
    quoted: Post | None = None,
    files: Iterable[UploadedFile] = (),
) -> Post:
    """A post in the thread: top-level, or a reply to ``parent``."""
    permissions.require_post(user, thread)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise ValidationError(_("That post is not in this discussion."))
        if not permissions.can_view_post(user, parent):
            raise ValidationError(_("That post is not in this discussion."))
    if quoted is not None and (quoted.thread_id != thread.pk or not quoted.is_visible):
        raise ValidationError(_("Only a shown post of this discussion can be quoted."))
    body = _clean_body(body)
    language = _clean_language(language)
    files = _clean_files(files)
    ratelimit.check_member("post", user, RATE_SETTING)
    answered = parent
    if parent is not None and parent.depth >= Post.MAX_DEPTH:
        # Deeper than three levels: beside the post answered, quoting it.
        if quoted is None and parent.is_visible:
            quoted = parent
        parent = parent.parent
    post = Post.objects.create(
        thread=thread,
        author=user,
        parent=parent,
        root=(parent.root or parent) if parent is not None else None,
        depth=parent.depth + 1 if parent is not None else 1,
        body=body,
        language_id=language,
        quoted_post=quoted,
    )
    _attach(user, post, files)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    _follow(user, thread)
    mentioned = _mentions(post, set())
    _index(post)
    url = post.get_absolute_url()
    told = {user.pk, *mentioned}
    answered_author = answered.author_id if answered is not None else None
    if answered_author is not None and answered_author not in told:
        notifications.notify(
            [answered_author],
            kind=REPLY,
            params={"title": thread.title, "name": user.display_name()},
            url=url,
            topic=notifications.topic("thread", thread.pk),
            actor=user,
        )
        told.add(answered_author)
    _notify_mentions(post, mentioned, url)
    notifications.notify(
        _followers(thread, told),
        kind=NEW_POST,
        params={"title": thread.title, "name": user.display_name()},
        url=url,
        topic=notifications.topic("thread", thread.pk),
        actor=user,
    )
    return post


@transaction.atomic
def post_edit(user: Any, post: Post, *, body: str) -> Post:
    """Change one's post; the text it replaces is kept in its history."""
    permissions.require_edit_post(user, post)
    body = _clean_body(body)
    if body == post.body:
        return post
    previous = post.body
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    moderation.record(post, ModerationEvent.Action.EDITED, user, previous=previous)
    known = set(post.mentions.values_list("user_id", flat=True))
    mentioned = _mentions(post, known)
    _index(post)
    _notify_mentions(post, mentioned, post.get_absolute_url())
    return post


@transaction.atomic
def post_delete(user: Any, post: Post) -> None:
    """Delete one's post softly: shown as deleted, its replies kept. The
    opening post of a thread nobody answered takes the thread with it."""
    permissions.require_edit_post(user, post)
    post.state = Post.State.DELETED
    post.save(update_fields=["state"])
    moderation.record(post, ModerationEvent.Action.DELETED, user)


@transaction.atomic
def reaction_toggle(user: Any, post: Post, kind: str) -> bool:
    """Add the person's reaction of this kind, or take it back; True when it
    is there afterwards."""
    permissions.require_react(user, post)
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Choose a reaction."))
    removed, _count = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if removed:
        return False
    Reaction.objects.create(post=post, user=user, kind=kind)
    return True


@transaction.atomic
def thread_set_pinned(user: Any, thread: Thread, pinned: bool) -> None:
    permissions.require_moderate_thread(user, thread)
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])


@transaction.atomic
def thread_set_closed(user: Any, thread: Thread, closed: bool) -> None:
    permissions.require_moderate_thread(user, thread)
    thread.closed = closed
    thread.save(update_fields=["closed"])


# ------------------------------------------------------------- keeping step


def opening_post_id(thread: Thread) -> int | None:
    return (
        Post.objects.filter(thread=thread, parent=None)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )


def state_changed(post: Post) -> None:
    """After hide, restore or delete: the thread's state (its opening post's,
    but a deleted opening post leaves an answered thread shown), its count of
    shown posts, and the search index."""
    thread = post.thread
    fields = ["post_count"]
    if opening_post_id(thread) == post.pk:
        state = post.state
        answered = Post.objects.filter(thread=thread).exclude(pk=post.pk).exists()
        if state == Post.State.DELETED and answered:
            state = Thread.State.VISIBLE
        thread.state = state
        fields.append("state")
    thread.post_count = Post.objects.filter(
        thread=thread, state=Post.State.VISIBLE
    ).count()
    thread.save(update_fields=fields)
    _index(post)


# ------------------------------------------------------------------- helpers


def _follow(user: Any, thread: Thread) -> None:
    """Authors and repliers follow the thread (a choice of "nothing" stays)."""
    Subscription.objects.get_or_create(
        user=user, topic=notifications.topic("thread", thread.pk)
    )


def _followers(thread: Thread, told: set[int]) -> list[int]:
    """Who follows the thread besides ``told`` and may still read it: one who
    left a members-only network hears of its threads no more."""
    following = Subscription.objects.filter(
        topic=notifications.topic("thread", thread.pk)
    ).exclude(mode=Subscription.Mode.OFF)
    people = (
        get_user_model()
        .objects.filter(pk__in=following.values("user_id"), is_active=True)
        .exclude(pk__in=told)
    )
    return [
        person.pk for person in people if permissions.can_view_thread(person, thread)
    ]


def _attach(user: Any, post: Post, files: list[UploadedFile]) -> None:
    """Each file into the library with the library's checks (size, rate, the
    same file stored once), private to the uploader there and read here by
    whoever reads the post."""
    for file in files:
        document, _created = library_services.document_create(
            user=user,
            data=library_services.DocumentData(
                title=file.name or _("Attachment"), languages=[post.language_id]
            ),
            file=file,
        )
        PostAttachment.objects.get_or_create(post=post, document=document)


def _mentions(post: Post, known: set[int]) -> list[int]:
    """Mention rows for the people named in the post who can read it; the ids
    of those not mentioned before (to notify)."""
    names = mentioned_names(post.body)
    if not names:
        return []
    people = get_user_model().objects.filter(username__in=names, is_active=True)
    new: list[int] = []
    for person in people:
        if person.pk in known or person.pk == post.author_id:
            continue
        if not permissions.can_view_thread(person, post.thread):
            continue
        Mention.objects.get_or_create(post=post, user=person)
        new.append(person.pk)
    return new


def _notify_mentions(post: Post, people: list[int], url: str) -> None:
    if people:
        notifications.notify(
            people,
            kind=MENTIONED,
            params={
                "title": post.thread.title,
                "name": post.author.display_name() if post.author else "",
            },
            url=url,
            topic=notifications.topic("thread", post.thread_id),
            actor=post.author,
        )


def search_entries(post: Post) -> list[SearchDocument]:
    """The post's index row: shown posts of shown threads only. The opening
    post carries the thread's title; replies are found by their text under it."""
    thread = post.thread
    if not post.is_visible or thread.state != Thread.State.VISIBLE:
        return []
    return [
        SearchDocument(
            kind=SEARCH_KIND,
            object_id=post.pk,
            language=post.language_id,
            title=thread.title,
            body=post.body,
        )
    ]


def _index(post: Post) -> None:
    entries = search_entries(post)
    if entries:
        index_replace(kind=SEARCH_KIND, object_id=post.pk, documents=entries)
    else:
        index_remove(kind=SEARCH_KIND, object_id=post.pk)
