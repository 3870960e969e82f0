"""Surveys as a translatable kind (``core.translation.register_kind``): who may
translate them, whose queue they are in, and their parts (questions, choices)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from convivio.core.translation import TranslatedRecord

from . import permissions, selectors
from .models import Choice, Question, Survey


def can_translate(user, survey: Survey) -> bool:
    return permissions.can_translate_survey(user, survey)


def can_view(user, survey: Survey) -> bool:
    return permissions.can_view_survey(user, survey)


def queue(user) -> QuerySet[Survey]:
    """The surveys of the person's territory teams (every survey for moderators)."""
    return selectors.surveys_built_by(user)


def parts(survey: Survey) -> Iterator[TranslatedRecord]:
    """Its questions then their choices, in order, with their rows."""
    questions = list(
        Question.objects.filter(survey=survey)
        .prefetch_related("translations")
        .order_by("position", "id")
    )
    yield from questions
    yield from (
        Choice.objects.filter(question__survey=survey)
        .prefetch_related("translations")
        .order_by("question__position", "question_id", "position", "id")
    )


def title(survey: Survey, language: str | None) -> str:
    row = survey.translation_for(language)
    return row.title if row is not None else str(survey)


def _survey_of(part: Question | Choice) -> Survey:
    return part.survey if isinstance(part, Question) else part.question.survey


def part_can_translate(user, part: Question | Choice) -> bool:
    return can_translate(user, _survey_of(part))


def part_can_view(user, part: Question | Choice) -> bool:
    return can_view(user, _survey_of(part))


def part_title(part: Question | Choice, language: str | None) -> str:
    row = part.translation_for(language)
    return row.label if row is not None else str(part)
