"""Who may do what with threads and posts.

- A thread in a network is read by whoever reads the network (everybody for a
  public one, its members and platform moderators for a members-only one).
  Its members and coordinators start threads and post; observers read and
  react. News are started by the network's coordinators (and moderators).
- A thread about a practice, a plan, a measure or a service is read by whoever
  may open that record; any signed-in person who may open it writes there.
- Nobody posts in a closed thread but those who may moderate it.
- The network's coordinators and platform moderators pin, close and moderate
  (hide, restore) a network's threads; platform moderators those about a
  practice, plan, measure or service.
- A person edits and deletes what they wrote while it is shown (not hidden,
  not deleted).
- Attachments are read by whoever reads the post (the library's own document
  stays private to its uploader there).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from convivio.community import permissions as network_permissions
from convivio.core.permissions import AnyUser, is_moderator, is_signed_in
from convivio.directory.permissions import can_view_service
from convivio.plans.permissions import can_view_plan
from convivio.practices.permissions import can_view_practice

from .models import Post, Thread


def can_view_subject(user: AnyUser | None, thread: Thread) -> bool:
    """Whether the person may open what the thread is in or about."""
    if thread.network_id is not None:
        return network_permissions.can_view_network(user, thread.network)  # type: ignore[arg-type]
    if thread.practice_id is not None:
        return can_view_practice(user, thread.practice)  # type: ignore[arg-type]
    if thread.plan_id is not None:
        return can_view_plan(user, thread.plan)  # type: ignore[arg-type]
    if thread.node_id is not None:
        return can_view_plan(user, thread.node.plan)  # type: ignore[union-attr,arg-type]
    if thread.service_id is not None:
        return can_view_service(user, thread.service)  # type: ignore[arg-type]
    return False


def can_view_thread(user: AnyUser | None, thread: Thread) -> bool:
    if not can_view_subject(user, thread):
        return False
    return thread.state == Thread.State.VISIBLE or can_moderate_thread(user, thread)


def require_view_thread(user: AnyUser | None, thread: Thread) -> None:
    if not can_view_thread(user, thread):
        raise PermissionDenied(_("This discussion is open to its network only."))


def can_moderate_thread(user: AnyUser | None, thread: Thread) -> bool:
    """Pin, close, hide and restore: the network's coordinators and
    moderators; platform moderators for threads outside networks."""
    if thread.network_id is not None:
        return network_permissions.can_moderate_network(user, thread.network_id)
    return is_moderator(user)


def require_moderate_thread(user: AnyUser | None, thread: Thread) -> None:
    if not can_moderate_thread(user, thread):
        raise PermissionDenied(
            _("Only the network's coordinators and moderators may do this.")
        )


def can_start_in_network(user: AnyUser | None, network, kind: str) -> bool:
    if kind == Thread.Kind.NEWS:
        return network_permissions.can_moderate_network(user, network)
    return network_permissions.can_write_in_network(user, network)


def require_start_in_network(user: AnyUser | None, network, kind: str) -> None:
    network_permissions.require_write_in_network(user, network)
    if not can_start_in_network(user, network, kind):
        raise PermissionDenied(_("Only the network's coordinators post news."))


def can_start_about(user: AnyUser | None, thread: Thread) -> bool:
    """A thread about a practice, plan, measure or service (``thread`` not yet
    saved): any signed-in person who may open it."""
    return is_signed_in(user) and can_view_subject(user, thread)


def require_start_about(user: AnyUser | None, thread: Thread) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_view_subject(user, thread):
        raise PermissionDenied(_("You cannot open this page."))


def _can_write_where(user: AnyUser | None, thread: Thread) -> bool:
    if thread.network_id is not None:
        return network_permissions.can_write_in_network(user, thread.network_id)
    return is_signed_in(user) and can_view_subject(user, thread)


def can_post(user: AnyUser | None, thread: Thread) -> bool:
    """Reply in the thread (open, or moderated by the person)."""
    if not is_signed_in(user) or not can_view_thread(user, thread):
        return False
    if thread.closed and not can_moderate_thread(user, thread):
        return False
    return _can_write_where(user, thread)


def require_post(user: AnyUser | None, thread: Thread) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    require_view_thread(user, thread)
    if thread.closed and not can_moderate_thread(user, thread):
        raise PermissionDenied(_("This discussion is closed."))
    if not _can_write_where(user, thread):
        raise PermissionDenied(_("Only the network's members may write here."))


def can_react(user: AnyUser | None, post: Post) -> bool:
    """Members of every role (observers too) in a network; signed-in readers
    elsewhere; on a shown post."""
    thread = post.thread
    if not is_signed_in(user) or not post.is_visible:
        return False
    if not can_view_thread(user, thread):
        return False
    if thread.network_id is not None:
        return network_permissions.is_member(user, thread.network_id)
    return True


def require_react(user: AnyUser | None, post: Post) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_react(user, post):
        raise PermissionDenied(_("Only the network's members may write here."))


def can_edit_post(user: AnyUser | None, post: Post) -> bool:
    return (
        is_signed_in(user)
        and post.author_id == user.pk
        and post.is_visible
        and can_view_subject(user, post.thread)
    )


def require_edit_post(user: AnyUser | None, post: Post) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to take part."))
    if not can_edit_post(user, post):
        raise PermissionDenied(_("Only its author may change or delete a post."))


def can_view_post(user: AnyUser | None, post: Post) -> bool:
    """The post's text: shown posts to the thread's readers, hidden ones to
    its moderators."""
    if not can_view_thread(user, post.thread):
        return False
    return post.is_visible or can_moderate_thread(user, post.thread)
