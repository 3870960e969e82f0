"""Networks and local forums, their members, the issues they rank, and what the
exchange apps built on them share: moderation, notifications and public profiles.

A network's composition is self-declared and never required; it is shown only in
aggregate, with small groups hidden (``core.suppression``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.core.history import tracked
from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme
from convivio.core.translation import TranslatedRecord, TranslationRow

if TYPE_CHECKING:
    pass


class Network(TranslatedRecord):
    """A local forum, working group, thematic or transnational network."""

    class Kind(models.TextChoices):
        LOCAL_FORUM = "local_forum", _("local forum")
        WORKING_GROUP = "working_group", _("working group")
        THEMATIC = "thematic", _("thematic network")
        TRANSNATIONAL = "transnational", _("transnational network")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: anyone may read it")
        MEMBERS = "members", _("members only")

    class Joining(models.TextChoices):
        REQUEST = "request", _("by request, approved by a coordinator")
        INVITATION = "invitation", _("by invitation only")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("working languages"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("who can read it"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    joining = models.CharField(
        _("how people join"),
        max_length=16,
        choices=Joining.choices,
        default=Joining.REQUEST,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("convening organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
    )
    #: The balance the coordinators aim for: {constituency: share in percent}.
    balance_target = models.JSONField(_("balance aimed for"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="networks_created",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = tracked(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        row = self.original_translation()
        return row.name if row is not None else f"Network {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("community:network", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class NetworkTranslation(TranslationRow):
    RECORD_FIELD = "network"
    TRANSLATED_FIELDS = ("name", "purpose")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=5000, blank=True)
    history = tracked()

    class Meta:
        verbose_name = _("network translation")
        verbose_name_plural = _("network translations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "language"], name="network_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language_id})"


class Constituency(models.TextChoices):
    """Whom a member speaks for (self-declared, never required)."""

    MIGRANT = "migrant", _("migrant or refugee")
    MIGRANT_ASSOCIATION = "migrant_association", _("migrant association")
    NGO = "ngo", _("NGO")
    PUBLIC_SERVICE = "public_service", _("public service")
    HEALTH = "health", _("health professional")
    ELECTED = "elected", _("elected representative")
    RESEARCHER = "researcher", _("researcher")
    OTHER = "other", pgettext_lazy("constituency", "other")


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("another gender")


class Member(models.Model):
    """A person in a network, with a role and what they chose to declare."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        MEMBER = "member", pgettext_lazy("network role", "member")
        OBSERVER = "observer", _("observer")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.MEMBER
    )
    constituency = models.CharField(
        _("I take part as"), max_length=24, choices=Constituency.choices, blank=True
    )
    gender = models.CharField(
        _("gender"), max_length=8, choices=Gender.choices, blank=True
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages I speak"), blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"], name="network_member_unique"
            )
        ]
        indexes = [models.Index(fields=["user", "network"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.network_id} ({self.role})"


class JoinRequest(models.Model):
    """A person asking to join, or invited by a coordinator; decided once."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("request to join")
        INVITATION = "invitation", _("invitation")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request or invitation per person and network.
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.network_id} ({self.kind}, {self.status})"


class IssueVote(models.Model):
    """One member's ranking of the most relevant issues (themes) of the network's
    place: rank 1 is the most relevant, at most three."""

    RANKS = 3

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="issue_votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    voted_at = models.DateTimeField(_("voted"), auto_now=True)

    class Meta:
        verbose_name = _("issue vote")
        verbose_name_plural = _("issue votes")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user", "rank"], name="issue_vote_rank_unique"
            ),
            models.UniqueConstraint(
                fields=["network", "user", "theme"], name="issue_vote_theme_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=3),
                name="issue_vote_rank_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id}: {self.theme_id} #{self.rank}"


# ------------------------------------------------------------------ moderation


class Moderated(models.Model):
    """What people write in the exchange apps (posts, chat messages): shown,
    hidden by a moderator (restorable), or deleted by its author (soft: kept for
    the history, shown as "deleted")."""

    class State(models.TextChoices):
        VISIBLE = "visible", _("visible")
        HIDDEN = "hidden", _("hidden by a moderator")
        DELETED = "deleted", _("deleted")

    state = models.CharField(
        _("state"),
        max_length=8,
        choices=State.choices,
        default=State.VISIBLE,
        db_index=True,
    )

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.VISIBLE


class Report(models.Model):
    """Somebody telling the moderators that something should not be there."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("spam or advertising")
        ABUSE = "abuse", _("abusive, hateful or threatening")
        PERSONAL = "personal", _("shares someone's personal data")
        FALSE = "false", _("false or misleading")
        OFF_TOPIC = "off_topic", _("off topic")
        OTHER = "other", pgettext_lazy("report reason", "other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("report status", "open")
        HIDDEN = "hidden", _("content hidden")
        DISMISSED = "dismissed", _("dismissed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.reason})"


class ModerationEvent(models.Model):
    """The history of what happened to a piece of content: reported, hidden,
    restored, deleted, edited."""

    class Action(models.TextChoices):
        REPORTED = "reported", _("reported")
        HIDDEN = "hidden", _("hidden")
        RESTORED = "restored", _("restored")
        DELETED = "deleted", _("deleted")
        DISMISSED = "dismissed", _("report dismissed")
        EDITED = "edited", _("edited")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    #: The text before an edit (so that "edited" can be checked).
    previous = models.TextField(blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.action}"


# --------------------------------------------------------------- notifications


class Notification(models.Model):
    """Something a person should know, shown in the site and e-mailed
    (immediately or in the daily digest, as their subscription says).

    Its sentence is written when it is shown, in the reader's language, from
    ``kind`` and ``params`` (``community.notifications.register_kind``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=500)
    #: What it is about ("network:12", "thread:40", "event:3"): subscriptions
    #: and unsubscribe links name topics.
    topic = models.CharField(max_length=40, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    #: When it went out by e-mail (alone or in a digest); null: not yet, or never.
    emailed_at = models.DateTimeField(null=True, blank=True)
    #: How the person asked to hear of it when it was made (``Subscription.Mode``):
    #: the digest gathers the "digest" ones, whatever the default was then.
    delivery = models.CharField(max_length=16, blank=True, default="site")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["emailed_at", "user"]),
            models.Index(fields=["delivery", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class Subscription(models.Model):
    """How a person wants to hear about a topic."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("an e-mail each time")
        DIGEST = "digest", _("a daily digest")
        SITE = "site", _("only in the site")
        OFF = "off", _("nothing")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    topic = models.CharField(max_length=40)
    mode = models.CharField(
        _("notify me"), max_length=16, choices=Mode.choices, default=Mode.DIGEST
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="subscription_unique"
            )
        ]
        indexes = [models.Index(fields=["topic", "mode"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.topic} ({self.mode})"


# -------------------------------------------------------------------- profiles


class PublicProfile(models.Model):
    """What a person shows on their public page: nothing unless they say so."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="public_profile",
    )
    #: The page exists for visitors at all (members always see a name).
    public = models.BooleanField(_("show my page to everybody"), default=False)
    show_organisation = models.BooleanField(_("show my organisation"), default=True)
    show_languages = models.BooleanField(_("show my languages"), default=True)
    show_bio = models.BooleanField(_("show what I wrote about myself"), default=True)
    show_expertise = models.BooleanField(_("show my themes of expertise"), default=True)
    show_practices = models.BooleanField(_("show my practices"), default=True)
    show_posts = models.BooleanField(_("show my posts"), default=True)
    show_networks = models.BooleanField(_("show my networks"), default=True)
    expertise = models.ManyToManyField(
        Theme, verbose_name=_("themes of expertise"), blank=True, related_name="+"
    )
    #: Shown to other members in a network's directory of members and to chat.
    display_name = models.CharField(_("name shown"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self) -> str:
        return str(self.user)
