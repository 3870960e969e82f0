"""Surveys and needs assessments: questions, invitations and anonymous answers.

Answers are anonymous by default: a response stores neither the account nor the
address it came from; an invitation only records that it was used.

A survey, its questions and its choices are translated records
(``core.translation``): their text lives in translation rows, one per language,
the original among them; ``services`` writes them.  Answers are stored against
question names and choice values, never labels, so answers given in every
language pool together.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.core.history import HistorySource, tracked
from convivio.core.models import Language, Territory
from convivio.core.translation import TranslatedRecord, TranslationRow


class Survey(TranslatedRecord):
    if TYPE_CHECKING:
        # Its questions in order, with their choices (surveys.selectors).
        ordered_questions: list[Question]

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("survey status", "draft")
        OPEN = "open", pgettext_lazy("survey status", "open")
        CLOSED = "closed", pgettext_lazy("survey status", "closed")

    class Access(models.TextChoices):
        ANYONE = "anyone", _("anyone with the link")
        INVITATION = "invitation", _("by invitation only")

    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    access = models.CharField(
        _("who can answer"), max_length=16, choices=Access.choices, default="anyone"
    )
    #: Results are public once the survey is closed and this is set.
    results_public = models.BooleanField(_("results public"), default=False)
    #: XLSForm form_id, kept so that an exported form goes back to Kobo/ODK as itself.
    form_id = models.CharField(max_length=100, blank=True)
    source_key = models.CharField(max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="surveys_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = tracked(excluded_fields=["created_at", "source_key"])

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # The original's title (uses prefetched "translations").
        row = self.original_translation()
        return row.title if row is not None else f"Survey {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", args=[self.pk])

    def history_parts(self) -> list[HistorySource]:
        """Its questions' changes (and their texts') go with its own."""
        questions = Question.history.filter(survey_id=self.pk)

        def part(row) -> str:
            return str(Question._meta.verbose_name)

        return [
            HistorySource(rows=questions, part=part, part_name=lambda row: row.name),
            HistorySource(
                rows=QuestionTranslation.history.filter(
                    question_id__in=questions.values("id")
                ),
                part=part,
                part_name=lambda row: row.label[:80],
            ),
        ]


class SurveyTranslation(TranslationRow):
    RECORD_FIELD = "survey"
    TRANSLATED_FIELDS = ("title", "introduction")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    history = tracked()

    class Meta:
        verbose_name = _("survey translation")
        verbose_name_plural = _("survey translations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "language"], name="survey_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language_id})"


class Part(TranslatedRecord):
    """A question or a choice: its original language is its survey's."""

    class Meta:
        abstract = True

    def survey_language_id(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs) -> None:
        # Records made outside the services (admin, fixtures) still get one.
        if self.original_language_id is None:
            self.original_language_id = self.survey_language_id()
        super().save(*args, **kwargs)


class Question(Part):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SCALE = "scale", _("scale")
        RANKING = "ranking", _("ranking")
        NUMBER = "number", _("number")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    #: Short name, unique in the survey (the XLSForm "name" column).
    name = models.SlugField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    #: For scales: the lowest and highest values (1–5 by default).
    scale_min = models.SmallIntegerField(null=True, blank=True)
    scale_max = models.SmallIntegerField(null=True, blank=True)
    #: For rankings: how many to rank (the three most relevant issues: 3).
    rank_count = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Shown only when the answer to ``condition_question`` is (or includes)
    #: ``condition_value`` (a choice value).
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
    )
    condition_value = models.CharField(max_length=100, blank=True)
    #: Whether its answers name people's issues for the territory's ranking.
    ranks_issues = models.BooleanField(_("ranks the place's issues"), default=False)

    history = tracked()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "name"], name="question_name_unique"
            )
        ]

    def __str__(self) -> str:
        # The original's text (uses prefetched "translations").
        row = self.original_translation()
        return row.label if row is not None else self.name

    def survey_language_id(self) -> str:
        return self.survey.original_language_id


class QuestionTranslation(TranslationRow):
    RECORD_FIELD = "question"
    TRANSLATED_FIELDS = ("label", "help_text")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="translations"
    )
    label = models.CharField(_("question"), max_length=1000)
    help_text = models.CharField(_("help"), max_length=1000, blank=True)
    history = tracked()

    class Meta:
        verbose_name = _("question translation")
        verbose_name_plural = _("question translations")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="question_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.language_id})"


class Choice(Part):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveIntegerField(default=0)
    value = models.SlugField(_("value"), max_length=100)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "value"], name="choice_value_unique"
            )
        ]

    def __str__(self) -> str:
        # The original's text (uses prefetched "translations").
        row = self.original_translation()
        return row.label if row is not None else self.value

    def survey_language_id(self) -> str:
        return self.question.survey.original_language_id


class ChoiceTranslation(TranslationRow):
    RECORD_FIELD = "choice"
    TRANSLATED_FIELDS = ("label",)

    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, related_name="translations"
    )
    label = models.CharField(_("label"), max_length=500)

    class Meta:
        verbose_name = _("choice translation")
        verbose_name_plural = _("choice translations")
        constraints = [
            models.UniqueConstraint(
                fields=["choice", "language"], name="choice_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.language_id})"


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Invitation(models.Model):
    """One answer's worth of access to a survey by invitation."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=40, unique=True, default=new_token)
    #: A note for the team (a group, a place); never shown with answers.
    label = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.label or self.token[:6]


class Response(models.Model):
    """One person's answers; nothing in it says who they are."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    #: The day only (not the time), so that answers cannot be matched to visits.
    submitted_on = models.DateField()
    #: The language the person answered in (none for answers from before
    #: surveys had several); the results say how many came in each.
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_key = models.CharField(max_length=100, blank=True, db_index=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    class Moderation(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        SHOWN = "shown", _("shown")
        HIDDEN = "hidden", _("hidden")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers"
    )
    #: Single choice or scale: the chosen value; free text: the text.
    text = models.TextField(max_length=5000, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    #: Multiple choice: the values; ranking: the values in order, first = most.
    values = models.JSONField(default=list, blank=True)
    #: Free-text answers are shown in published results only once moderated.
    moderation = models.CharField(
        max_length=16, choices=Moderation.choices, default=Moderation.PENDING
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_unique"
            )
        ]
        indexes = [models.Index(fields=["question", "text"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.text or self.values or self.number}"
