"""Threads and posts: discussions, news and blog posts, in a network or about a
practice, a plan, a measure or a service.

A thread's subject is one of five explicit, nullable foreign keys (network,
practice, plan, node, service) with a check that exactly one is set, rather
than a generic (content type, object id) pair: the database keeps the links
whole (a deleted plan takes its threads with it), each subject's list of
threads is one indexed column, and reading rights join the subject's own row
without a content-type lookup.

The opening post is the thread's body (the first post, ``parent`` null).
Replies nest up to ``Post.MAX_DEPTH`` levels; ``root`` points at the top-level
post of a reply so that a page of the thread is "these top-level posts and
every reply under them" in two indexed queries.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Moderated, Network
from convivio.core.models import Language
from convivio.directory.models import Service
from convivio.library.models import Document
from convivio.plans.models import Plan, PlanNode
from convivio.practices.models import Practice

#: The subject columns of a thread, exactly one set.
SUBJECT_FIELDS = ("network", "practice", "plan", "node", "service")


class Thread(Moderated):
    """A discussion, a news item or a blog post, with its replies.

    ``state`` follows the opening post's (hidden or deleted with it), so that
    lists need not read the posts."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("discussion")
        NEWS = "news", _("news")
        BLOG = "blog", _("blog post")

    TITLE_MAX = 200

    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="threads"
    )
    #: A measure (or another node) of a plan.
    node = models.ForeignKey(
        PlanNode,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="threads",
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(_("closed to new posts"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads_started",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True)
    #: Visible posts, the opening one included (kept by the services).
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-pinned", "-last_post_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        network__isnull=False,
                        practice__isnull=True,
                        plan__isnull=True,
                        node__isnull=True,
                        service__isnull=True,
                    )
                    | models.Q(
                        network__isnull=True,
                        practice__isnull=False,
                        plan__isnull=True,
                        node__isnull=True,
                        service__isnull=True,
                    )
                    | models.Q(
                        network__isnull=True,
                        practice__isnull=True,
                        plan__isnull=False,
                        node__isnull=True,
                        service__isnull=True,
                    )
                    | models.Q(
                        network__isnull=True,
                        practice__isnull=True,
                        plan__isnull=True,
                        node__isnull=False,
                        service__isnull=True,
                    )
                    | models.Q(
                        network__isnull=True,
                        practice__isnull=True,
                        plan__isnull=True,
                        node__isnull=True,
                        service__isnull=False,
                    )
                ),
                name="thread_one_subject",
                violation_error_message=_("A thread is about exactly one thing."),
            )
        ]
        indexes = [
            models.Index(
                fields=["network", "state", "-pinned", "-last_post_at"],
                name="thread_network_list",
            ),
            models.Index(fields=["practice", "state"], name="thread_practice"),
            models.Index(fields=["plan", "state"], name="thread_plan"),
            models.Index(fields=["node", "state"], name="thread_node"),
            models.Index(fields=["service", "state"], name="thread_service"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread", args=[self.pk])

    @property
    def subject_field(self) -> str:
        for name in SUBJECT_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                return name
        return ""

    @property
    def subject(self) -> models.Model | None:
        name = self.subject_field
        return getattr(self, name) if name else None


class Post(Moderated):
    """One message of a thread: the opening post or a reply (up to three levels
    deep). Its author edits it (the previous text kept in the moderation
    history) and deletes it (softly: shown as deleted, its replies kept)."""

    MAX_DEPTH = 3
    BODY_MAX = 8000
    MODERATED_TEXT = "body"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="posts",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    #: The top-level post a reply is under (null for a top-level post).
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    #: 1 for a top-level post, 2 for a reply to it, 3 for a reply to a reply.
    depth = models.PositiveSmallIntegerField(default=1)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    quoted_post = models.ForeignKey(
        "self",
        verbose_name=_("quoting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depth__gte=1, depth__lte=3),
                name="post_depth_range",
            ),
        ]
        indexes = [
            # A thread's top-level posts, in order (parent null), and a page's replies.
            models.Index(fields=["thread", "parent", "id"], name="post_thread_top"),
            models.Index(fields=["root", "id"], name="post_root"),
            models.Index(fields=["author", "state", "-id"], name="post_author"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("discussions:post", args=[self.pk])

    def moderating_network_id(self) -> int | None:
        # Threads about a practice, plan or service: platform moderators.
        return self.thread.network_id

    @property
    def anchor(self) -> str:
        return f"post-{self.pk}"


class Mention(models.Model):
    """Somebody named with @username in a post (notified once)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="mention_unique")
        ]

    def __str__(self) -> str:
        return f"{self.post_id} @{self.user_id}"


class Reaction(models.Model):
    """A small sign under a post; one of each kind per person."""

    class Kind(models.TextChoices):
        AGREE = "agree", _("agree")
        LOVE = "love", _("love it")
        IDEA = "idea", _("good idea")
        THANKS = "thanks", _("thank you")

    #: What each kind shows (with its name for screen readers).
    SIGNS = {"agree": "👍", "love": "❤️", "idea": "💡", "thanks": "🙏"}

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("reaction"), max_length=8, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="reaction_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id} {self.kind} by {self.user_id}"


class PostAttachment(models.Model):
    """A document of the library attached to a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="post_attachments"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "document"], name="post_attachment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.document_id}"
