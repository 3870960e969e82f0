"""Co-design processes: the double diamond (discover, define, develop, deliver)
around a "How might we …?" challenge.

A process is convened by a network (its members take part, its coordinators
facilitate) or by an organisation; more people are invited as participants or
facilitators (``Participant``).  It has four phases with dates, exactly one of
them active at a time (``Phase.active``, a partial unique constraint); the
facilitators move it on.  What happens in each phase is kept here: insights and
links to evidence (discover), candidate challenges and their approval votes
(define), ideas, their comments and votes (develop), prototypes with feedback
rounds and a final decision, and the practice it becomes (deliver); and the
meetings of each phase with the supports that make taking part possible.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.community.models import Moderated, Network
from convivio.core.models import Language, Organisation, Territory
from convivio.core.translation import TranslatedRecord, TranslationRow

#: Characters of what a person writes in one insight, idea, comment or answer.
TEXT_MAX = 5000
TITLE_MAX = 200


class PhaseKind(models.TextChoices):
    DISCOVER = "discover", _("discover")
    DEFINE = "define", _("define")
    DEVELOP = "develop", _("develop")
    DELIVER = "deliver", _("deliver")


#: The phases in their order.
PHASES: tuple[str, ...] = tuple(PhaseKind.values)


class Process(TranslatedRecord):
    """A co-design process around a challenge."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="codesign_processes",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("convening organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="codesign_processes",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="codesign_processes",
    )
    #: Votes each participant has for the ideas of the develop phase.
    idea_votes = models.PositiveSmallIntegerField(
        _("votes per participant for ideas"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    #: The candidate challenge the define phase's vote chose.
    chosen = models.ForeignKey(
        "Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vote_closed_at = models.DateTimeField(null=True, blank=True)
    source_key = models.CharField(max_length=200, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("co-design process")
        verbose_name_plural = _("co-design processes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__isnull=False)
                | models.Q(organisation__isnull=False),
                name="codesign_process_convened",
            )
        ]

    def __str__(self) -> str:
        row = self.original_translation()
        return row.title if row is not None else f"Process {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("codesign:detail", args=[self.pk])


class ProcessTranslation(TranslationRow):
    RECORD_FIELD = "process"
    TRANSLATED_FIELDS = ("title", "challenge", "description")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    challenge = models.CharField(
        _("challenge"),
        max_length=500,
        blank=True,
        help_text=_("How might we …?"),
    )
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("co-design process translation")
        verbose_name_plural = _("co-design process translations")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "language"], name="codesign_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language_id})"


class Phase(models.Model):
    """One of the four phases of a process, with its dates."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("phase"), max_length=8, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    active = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "kind"], name="codesign_phase_unique"
            ),
            # Never two active phases in one process.
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(active=True),
                name="codesign_one_active_phase",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.kind}"

    @property
    def position(self) -> int:
        return PHASES.index(self.kind)


class Participant(models.Model):
    """A person invited into a process (a network's members take part without a
    row; its coordinators facilitate)."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("facilitator")
        PARTICIPANT = "participant", _("participant")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "user"], name="codesign_participant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.process_id} ({self.role})"


class Written(Moderated):
    """What a participant writes, in their language; hidden by moderators."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def moderating_network_id(self) -> int | None:
        return self.the_process().network_id

    def the_process(self) -> Process:
        return self.process  # type: ignore[attr-defined]

    def get_absolute_url(self) -> str:
        return (
            f"{self.the_process().get_absolute_url()}#{self._meta.model_name}-{self.pk}"
        )


class Insight(Written):
    """A need or an experience a participant brings to the discover phase."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="insights"
    )

    class Meta(Written.Meta):
        verbose_name = _("insight")
        verbose_name_plural = _("insights")


class Evidence(models.Model):
    """A link to what the discover phase learns from elsewhere: a survey's
    results, a feedback channel, a forum thread.

    A kind and an id with the title and address cached, rather than one foreign
    key per app: the apps linked sit beside codesign and grow their own models,
    the link is checked when it is made (the record exists and the person may
    open it), and the process page shows every link without reading the
    records behind them (one query for any number of links)."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("survey")
        FEEDBACK = "feedback", _("feedback channel")
        THREAD = "thread", _("forum thread")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    url = models.CharField(max_length=300)
    note = models.CharField(_("why it matters"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "kind", "object_id"], name="codesign_evidence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class Candidate(Written):
    """A candidate challenge of the define phase ("How might we …?")."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="candidates"
    )
    text = models.CharField(_("How might we …?"), max_length=500)

    class Meta(Written.Meta):
        verbose_name = _("candidate challenge")
        verbose_name_plural = _("candidate challenges")


class CandidateVote(models.Model):
    """Approval voting: one vote per participant per candidate."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    voted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "user"], name="codesign_candidate_vote_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.candidate_id}"


class Idea(Written):
    """An idea of the develop phase."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("title"), max_length=TITLE_MAX)

    class Meta(Written.Meta):
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def get_absolute_url(self) -> str:
        return reverse("codesign:idea", args=[self.process_id, self.pk])


class IdeaVote(models.Model):
    """One of a participant's votes for ideas (``Process.idea_votes`` at most)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    voted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="codesign_idea_vote_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class Comment(Written):
    """A comment on an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")

    class Meta(Written.Meta):
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def the_process(self) -> Process:
        return self.idea.process

    def get_absolute_url(self) -> str:
        return f"{self.idea.get_absolute_url()}#comment-{self.pk}"


class Prototype(models.Model):
    """What the deliver phase tries out, from an idea; ends in a decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("being tried out")
        ADOPTED = "adopted", _("adopted")
        DROPPED = "dropped", _("dropped")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="prototypes"
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX)
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("decision"),
        max_length=8,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    reasons = models.TextField(_("reasons"), max_length=TEXT_MAX, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The draft practice the adopted prototype became.
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prototype")
        verbose_name_plural = _("prototypes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    """A feedback round on a prototype: a question, answered by participants or
    through a survey or feedback channel linked to it."""

    prototype = models.ForeignKey(
        Prototype, on_delete=models.CASCADE, related_name="rounds"
    )
    question = models.CharField(_("question"), max_length=500)
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    link_kind = models.CharField(
        _("answered through"),
        max_length=12,
        choices=Evidence.Kind.choices,
        blank=True,
    )
    link_id = models.PositiveBigIntegerField(null=True, blank=True)
    link_title = models.CharField(max_length=TITLE_MAX, blank=True)
    link_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("feedback round", "round")
        verbose_name_plural = pgettext_lazy("feedback round", "rounds")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.question


class Answer(Written):
    """A participant's answer to a feedback round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")

    class Meta(Written.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def the_process(self) -> Process:
        return self.round.prototype.process


class Meeting(models.Model):
    """A meeting of a phase, and what makes taking part possible."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="meetings"
    )
    phase = models.CharField(_("phase"), max_length=8, choices=PhaseKind.choices)
    starts_at = models.DateTimeField(_("when"))
    place = models.CharField(_("meeting place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=300, blank=True)
    interpretation = models.ManyToManyField(
        Language,
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    schedule_notes = models.CharField(
        _("schedule"),
        max_length=300,
        blank=True,
        help_text=_("For example: evening hours, after school."),
    )
    #: The network's event announcing it (registration, calendar), if any.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.starts_at:%Y-%m-%d}"
