"""Writes for surveys: the builder, invitations and anonymous answers.

Who builds a survey: the territory team of its place (or of a place containing
it), moderators and platform administrators.  Anybody answers an open survey
(or whoever holds an unused invitation, when the survey is by invitation).

Answers are anonymous: ``answer_submit`` receives only the answers and, for a
survey by invitation, the token; it stores the day of the answer, never the
account, the address or the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.history import attributed
from convivio.core.models import Language, Territory
from convivio.core.translation import copy_translations, save_original
from convivio.search.backends import Document
from convivio.search.services import index_remove, index_replace

from . import permissions
from .models import Answer, Choice, Invitation, Question, Response, Survey

# ------------------------------------------------------------ surveys


@dataclass
class SurveyData:
    title: str
    territory: Territory
    language: Language | str
    introduction: str = ""
    access: str = Survey.Access.ANYONE
    results_public: bool = False
    form_id: str = ""
    #: A small correction of the text: its translations stay current.
    minor: bool = False


def _language(value: Language | str) -> Language:
    if isinstance(value, Language):
        return value
    try:
        return Language.objects.get(pk=value)
    except Language.DoesNotExist:
        raise ValidationError(
            {"language": _("Unknown language: %(code)s.") % {"code": value}}
        ) from None


def _check_survey(survey: Survey, data: SurveyData) -> None:
    if not data.title.strip():
        raise ValidationError({"title": _("A survey needs a title.")})
    survey.full_clean(exclude=["created_by"])


def _survey_text(data: SurveyData) -> dict[str, str]:
    return {"title": data.title.strip()[:300], "introduction": data.introduction}


@attributed
@transaction.atomic
def survey_create(*, user, data: SurveyData) -> Survey:
    permissions.require_build_survey(user, data.territory)
    ratelimit.check_member("survey", user)
    survey = Survey(
        territory=data.territory,
        original_language=_language(data.language),
        access=data.access,
        results_public=data.results_public,
        form_id=data.form_id or slugify(data.title)[:100],
        created_by=user,
    )
    _check_survey(survey, data)
    survey.save()
    save_original(survey, _survey_text(data), user=user)
    return survey


@attributed
@transaction.atomic
def survey_update(*, user, survey: Survey, data: SurveyData) -> Survey:
    permissions.require_edit_survey(user, survey)
    if data.territory.pk != survey.territory_id:
        permissions.require_build_survey(user, data.territory)
    language = _language(data.language)
    moved = language.pk != survey.original_language_id
    # The parts' text in the language they were written in, before it moves.
    before = _parts_text(survey) if moved else []
    survey.territory = data.territory
    survey.original_language = language
    survey.access = data.access
    survey.results_public = data.results_public
    if data.form_id:
        survey.form_id = data.form_id
    _check_survey(survey, data)
    if not moved:
        save_original(survey, _survey_text(data), user=user, minor=data.minor)
    survey.save()
    if moved:
        # The text given becomes the new language's row.
        save_original(survey, _survey_text(data), user=user)
        _move_language(survey, before)
    if survey.status == Survey.Status.CLOSED:  # its results may be found, or not
        survey_index(survey=survey)
    return survey


def _parts_text(survey: Survey) -> list[tuple[Question | Choice, dict[str, Any]]]:
    parts = [
        *survey.questions.prefetch_related("translations"),
        *Choice.objects.filter(question__survey=survey).prefetch_related(
            "translations"
        ),
    ]
    return [
        (part, row.values())
        for part in parts
        if (row := part.original_translation()) is not None
    ]


def _move_language(
    survey: Survey, before: list[tuple[Question | Choice, dict[str, Any]]]
) -> None:
    """The survey's questions and choices follow its new original language: the
    text they had becomes that language's row (rare: a survey made in the
    wrong language)."""
    for part, values in before:
        part.original_language_id = survey.original_language_id
        save_original(part, values)
    Question.objects.filter(survey=survey).update(
        original_language_id=survey.original_language_id
    )
    Choice.objects.filter(question__survey=survey).update(
        original_language_id=survey.original_language_id
    )


@attributed
@transaction.atomic
def survey_open(*, user, survey: Survey) -> Survey:
    permissions.require_edit_survey(user, survey)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    for question in survey.questions.prefetch_related("choices", "translations"):
        if question.kind in CHOICE_KINDS and not question.choices.all():
            raise ValidationError(
                _("The question “%(label)s” has no choices yet.") % {"label": question}
            )
    was = survey.status
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status", "updated_at"])
    if was == Survey.Status.CLOSED:  # open again: no results to find
        index_remove(kind=SEARCH_KIND, object_id=survey.pk)
    return survey


@attributed
@transaction.atomic
def survey_close(*, user, survey: Survey) -> Survey:
    permissions.require_edit_survey(user, survey)
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    survey_index(survey=survey)
    return survey


@attributed
@transaction.atomic
def survey_delete(*, user, survey: Survey) -> None:
    permissions.require_edit_survey(user, survey)
    if survey.responses.exists():
        raise ValidationError(
            _("This survey has answers: close it instead of deleting it.")
        )
    pk, was = survey.pk, survey.status
    survey.delete()
    if was == Survey.Status.CLOSED:
        index_remove(kind=SEARCH_KIND, object_id=pk)


# ------------------------------------------------------------ search index

SEARCH_KIND = "survey"
#: Question texts a survey's index rows hold, at most.
INDEXED_QUESTIONS = 100
#: What ``survey_search_entries`` reads, prefetched (with the surveys, four
#: queries for any number of them).
SEARCH_PREFETCH = ("translations", "questions__translations")


def results_are_public(survey: Survey) -> bool:
    """Surveys are found by their published results: closed with results made
    public, as ``selectors.surveys_results_public`` lists them."""
    return survey.status == Survey.Status.CLOSED and survey.results_public


def survey_search_entries(survey: Survey) -> list[Document]:
    """One index entry per language of a survey whose results are public (none
    for the others), those of its questions included (``survey_languages``):
    its title and introduction, its questions in that language (else as
    written) and its place.  Uses ``territory`` and the relations of
    ``SEARCH_PREFETCH``."""
    if not results_are_public(survey):
        return []
    questions = sorted(survey.questions.all(), key=lambda q: (q.position, q.pk))
    documents = []
    for code in survey_languages(survey, questions):
        row = survey.translation_for(code)
        labels = [
            q_row.label
            for q in questions[:INDEXED_QUESTIONS]
            if (q_row := q.translation_for(code)) is not None
        ]
        parts = [row.introduction if row else "", *labels, survey.territory.name]
        documents.append(
            Document(
                kind=SEARCH_KIND,
                object_id=survey.pk,
                language=code,
                title=row.title if row else str(survey),
                body="\n".join(p for p in parts if p),
            )
        )
    return documents


def survey_index(*, survey: Survey) -> None:
    """Make the search index hold the survey as it is now: found while its
    results are public, gone from it otherwise."""
    survey = (
        Survey.objects.select_related("territory")
        .prefetch_related(*SEARCH_PREFETCH)
        .get(pk=survey.pk)
    )
    if results_are_public(survey):
        index_replace(
            kind=SEARCH_KIND,
            object_id=survey.pk,
            documents=survey_search_entries(survey),
        )
    else:
        index_remove(kind=SEARCH_KIND, object_id=survey.pk)


# ------------------------------------------------------------ questions

CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING}


@dataclass
class QuestionData:
    kind: str
    label: str
    name: str = ""
    help_text: str = ""
    required: bool = False
    scale_min: int | None = None
    scale_max: int | None = None
    rank_count: int | None = None
    condition_question: Question | None = None
    condition_value: str = ""
    ranks_issues: bool = False
    #: A small correction of the text: its translations stay current.
    minor: bool = False
    #: (value, label) pairs; only for choice kinds, only on creation.
    choices: list[tuple[str, str]] = field(default_factory=list)


def _question_text(data: QuestionData) -> dict[str, str]:
    return {"label": data.label.strip(), "help_text": data.help_text}


def _require_draft(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT and survey.responses.exists():
        raise ValidationError(
            _(
                "This survey already has answers: its questions can no longer "
                "change. Duplicate it to make a new version."
            )
        )


def _unique_name(survey: Survey, base: str, exclude: int | None = None) -> str:
    base = (slugify(base).replace("-", "_") or "q")[:50]
    questions = survey.questions.all()
    if exclude is not None:
        questions = questions.exclude(pk=exclude)
    taken = set(questions.values_list("name", flat=True))
    name, n = base, 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    return name


def _apply_question(question: Question, data: QuestionData) -> None:
    errors: dict[str, str] = {}
    if data.kind not in Question.Kind.values:
        errors["kind"] = _("Unknown kind of question: %(kind)s.") % {"kind": data.kind}
    if not data.label.strip():
        errors["label"] = _("A question needs its text.")
    question.kind = data.kind
    question.required = data.required
    question.ranks_issues = data.ranks_issues
    if data.kind == Question.Kind.SCALE:
        low = 1 if data.scale_min is None else data.scale_min
        high = 5 if data.scale_max is None else data.scale_max
        if high <= low:
            errors["scale_max"] = _(
                "The highest value of the scale must be above the lowest."
            )
        question.scale_min, question.scale_max = low, high
    else:
        question.scale_min = question.scale_max = None
    if data.kind == Question.Kind.RANKING:
        if data.rank_count is not None and data.rank_count < 1:
            errors["rank_count"] = _("Rank at least one item.")
        question.rank_count = data.rank_count or 3
    else:
        question.rank_count = None
    condition = data.condition_question
    if condition is not None:
        if condition.survey_id != question.survey_id:
            errors["condition_question"] = _(
                "A condition must name a question of the same survey."
            )
        elif question.pk and condition.pk == question.pk:
            errors["condition_question"] = _("A question cannot depend on itself.")
        elif condition.kind not in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
            errors["condition_question"] = _(
                "A question can depend only on a single or multiple choice question."
            )
        elif question.pk and condition.position > question.position:
            errors["condition_question"] = _(
                "A question can depend only on a question asked before it."
            )
        elif not condition.choices.filter(value=data.condition_value).exists():
            errors["condition_value"] = _(
                "“%(value)s” is not one of the choices of “%(label)s”."
            ) % {"value": data.condition_value, "label": condition}
        question.condition_question = condition
        question.condition_value = data.condition_value
    else:
        question.condition_question = None
        question.condition_value = ""
    if errors:
        raise ValidationError(errors)


@attributed
@transaction.atomic
def question_add(*, user, survey: Survey, data: QuestionData) -> Question:
    permissions.require_edit_survey(user, survey)
    _require_draft(survey)
    position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(
        survey=survey,
        position=position,
        original_language_id=survey.original_language_id,
    )
    if data.name:
        name = slugify(data.name).replace("-", "_")
        if not name or survey.questions.filter(name=name).exists():
            raise ValidationError(
                {
                    "name": _("Another question of this survey is named “%(name)s”.")
                    % {"name": data.name}
                }
            )
        question.name = name
    else:
        question.name = _unique_name(survey, data.label or "q")
    _apply_question(question, data)
    question.full_clean(exclude=["survey", "condition_question"])
    question.save()
    save_original(question, _question_text(data), user=user)
    for value, label in data.choices:
        choice_add(user=user, question=question, value=value, label=label)
    return question


@attributed
@transaction.atomic
def question_update(*, user, question: Question, data: QuestionData) -> Question:
    survey = question.survey
    permissions.require_edit_survey(user, survey)
    _require_draft(survey)
    if data.name and data.name != question.name:
        name = slugify(data.name).replace("-", "_")
        if (
            not name
            or survey.questions.filter(name=name).exclude(pk=question.pk).exists()
        ):
            raise ValidationError(
                {
                    "name": _("Another question of this survey is named “%(name)s”.")
                    % {"name": data.name}
                }
            )
        question.name = name
    _apply_question(question, data)
    question.full_clean(exclude=["survey", "condition_question"])
    save_original(question, _question_text(data), user=user, minor=data.minor)
    question.save()
    if question.kind not in CHOICE_KINDS:
        question.choices.all().delete()
    return question


@attributed
@transaction.atomic
def question_move(*, user, question: Question, offset: int) -> None:
    """Move a question up (offset −1) or down (+1); positions stay 1…n."""
    survey = question.survey
    permissions.require_edit_survey(user, survey)
    ordered = list(
        survey.questions.prefetch_related("translations").order_by("position", "id")
    )
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    target = max(0, min(len(ordered) - 1, index + offset))
    if target == index:
        return
    moved = ordered.pop(index)
    ordered.insert(target, moved)
    positions = {q.pk: i for i, q in enumerate(ordered, start=1)}
    for q in ordered:
        cond = q.condition_question_id
        if cond and positions[cond] > positions[q.pk]:
            raise ValidationError(
                _(
                    "“%(label)s” depends on a question that would come after it: "
                    "move that question first."
                )
                % {"label": q}
            )
    for q in ordered:
        if q.position != positions[q.pk]:
            q.position = positions[q.pk]
            q.save(update_fields=["position"])


@attributed
@transaction.atomic
def question_delete(*, user, question: Question) -> None:
    survey = question.survey
    permissions.require_edit_survey(user, survey)
    _require_draft(survey)
    dependents = [str(q) for q in question.dependents.prefetch_related("translations")]
    if dependents:
        raise ValidationError(
            _("Other questions depend on this one: %(labels)s. Change them first.")
            % {"labels": "; ".join(dependents)}
        )
    question.delete()


# ------------------------------------------------------------ choices


@transaction.atomic
def choice_add(*, user, question: Question, value: str, label: str) -> Choice:
    permissions.require_edit_survey(user, question.survey)
    _require_draft(question.survey)
    if question.kind not in CHOICE_KINDS:
        raise ValidationError(_("Only choice and ranking questions have choices."))
    label = (label or "").strip()
    value = (value or "").strip() or slugify(label).replace("-", "_")[:100]
    if not label:
        raise ValidationError({"label": _("A choice needs a label.")})
    if not value or not re.fullmatch(r"[-\w]{1,100}", value):
        raise ValidationError(
            {"value": _("A choice value is a short word of letters, digits, - or _.")}
        )
    if question.choices.filter(value=value).exists():
        raise ValidationError(
            {
                "value": _("This question already has a choice “%(value)s”.")
                % {"value": value}
            }
        )
    position = (question.choices.aggregate(m=Max("position"))["m"] or 0) + 1
    choice = Choice.objects.create(
        question=question,
        value=value,
        position=position,
        original_language_id=question.original_language_id,
    )
    save_original(choice, {"label": label}, user=user)
    return choice


@transaction.atomic
def choice_update(*, user, choice: Choice, label: str, minor: bool = False) -> Choice:
    permissions.require_edit_survey(user, choice.question.survey)
    if not (label or "").strip():
        raise ValidationError({"label": _("A choice needs a label.")})
    save_original(choice, {"label": label.strip()}, user=user, minor=minor)
    return choice


@transaction.atomic
def choice_delete(*, user, choice: Choice) -> None:
    question = choice.question
    permissions.require_edit_survey(user, question.survey)
    _require_draft(question.survey)
    if question.dependents.filter(condition_value=choice.value).exists():
        raise ValidationError(
            _("A question is shown only for this choice: change it first.")
        )
    choice.delete()


def survey_languages(
    survey: Survey, questions: Iterable[Question] | None = None
) -> list[str]:
    """The languages the survey or its questions have text in, the original
    first (from prefetched ``translations``; ``questions`` default to the
    survey's ``ordered_questions`` when a selector set them).  An XLSForm
    translates questions, not the title: its languages count too."""
    codes = set(survey.translation_languages())
    if questions is None:
        questions = getattr(survey, "ordered_questions", [])
    for question in questions:
        codes.update(row.language_id for row in question.translations.all())
    codes.add(survey.original_language_id)
    return sorted(codes, key=lambda code: (code != survey.original_language_id, code))


def respondent_language(survey: Survey, asked: str | None, interface: str) -> str:
    """The language a respondent answers in: the one asked for when the survey
    has it, else the interface's when it has it, else the original."""
    available = survey_languages(survey)
    for code in (asked, interface):
        if code and code in available:
            return code
    return survey.original_language_id


@attributed
@transaction.atomic
def survey_duplicate(*, user, survey: Survey) -> Survey:
    """A draft copy of ``survey`` (questions, choices and every translation, with
    their statuses); no answers, no invitations."""
    permissions.require_edit_survey(user, survey)
    ratelimit.check_member("survey", user)
    copy = Survey.objects.create(
        original_language_id=survey.original_language_id,
        territory=survey.territory,
        access=survey.access,
        results_public=survey.results_public,
        form_id=survey.form_id,
        created_by=user,
    )
    copy_translations(survey, copy)
    made: dict[int, Question] = {}
    for question in survey.questions.order_by("position", "id"):
        old_pk = question.pk
        choices = list(question.choices.all())
        condition = question.condition_question_id
        question.pk = None
        question._state.adding = True
        question.survey = copy
        question.condition_question = (
            made.get(condition) if condition is not None else None
        )
        question.save()
        copy_translations(Question(pk=old_pk), question)
        made[old_pk] = question
        for choice in choices:
            old_choice = choice.pk
            choice.pk = None
            choice._state.adding = True
            choice.question = question
            choice.save()
            copy_translations(Choice(pk=old_choice), choice)
    return copy


# ------------------------------------------------------------ invitations


@transaction.atomic
def invitations_create(
    *, user, survey: Survey, n: int, label: str = ""
) -> list[Invitation]:
    permissions.require_edit_survey(user, survey)
    if not 1 <= n <= 1000:
        raise ValidationError(_("Create between 1 and 1000 invitations at a time."))
    return Invitation.objects.bulk_create(
        [Invitation(survey=survey, label=label[:200]) for _ in range(n)]
    )


# ------------------------------------------------------------ answering


def _as_list(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw] if raw.strip() else []
    return [str(v) for v in raw if str(v).strip()]


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return str(raw).strip()


def is_shown(
    question: Question, given: Mapping[str, Any], by_id: Mapping[int, Question]
) -> bool:
    """Whether a question is asked, given the answers so far (follows chains)."""
    seen: set[int] = set()
    current = question
    while current.condition_question_id:
        if current.pk in seen:
            return False
        seen.add(current.pk)
        parent = by_id.get(current.condition_question_id)
        if parent is None:
            return True
        if current.condition_value not in _as_list(given.get(parent.name)):
            return False
        current = parent
    return True


def clean_answers(
    survey: Survey,
    questions: Iterable[Question],
    answers: Mapping[str, Any],
    language: str | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check answers; return the cleaned values of shown questions and the errors.

    Errors are keyed by question name and each message names the question, in
    ``language`` when given (the questions' translations prefetched).
    """
    questions = list(questions)
    by_id = {q.pk: q for q in questions}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in questions:
        if not is_shown(q, answers, by_id):
            continue
        raw = answers.get(q.name)
        offered = [c.value for c in q.choices.all()]
        row = q.translation_for(language or q.original_language_id)
        label = {"label": row.label if row is not None else q.name}
        if q.kind == Question.Kind.MULTIPLE:
            values = _as_list(raw)
            if not values:
                if q.required:
                    errors[q.name] = (
                        _("“%(label)s”: choose at least one answer.") % label
                    )
                continue
            wrong = [v for v in values if v not in offered]
            if wrong:
                errors[q.name] = _(
                    "“%(label)s”: “%(value)s” is not one of the choices."
                ) % {**label, "value": wrong[0]}
                continue
            cleaned[q.name] = list(dict.fromkeys(values))
        elif q.kind == Question.Kind.RANKING:
            values = _as_list(raw)
            need = min(q.rank_count or len(offered), len(offered))
            if not values:
                if q.required:
                    errors[q.name] = _("“%(label)s”: rank %(n)s items.") % {
                        **label,
                        "n": need,
                    }
                continue
            wrong = [v for v in values if v not in offered]
            if wrong:
                errors[q.name] = _(
                    "“%(label)s”: “%(value)s” is not one of the choices."
                ) % {**label, "value": wrong[0]}
            elif len(set(values)) != len(values):
                errors[q.name] = (
                    _("“%(label)s”: each item can be ranked only once.") % label
                )
            elif len(values) != need:
                errors[q.name] = _("“%(label)s”: rank %(n)s items.") % {
                    **label,
                    "n": need,
                }
            else:
                cleaned[q.name] = values
        else:
            text = _as_text(raw)
            if not text:
                if q.required:
                    errors[q.name] = _("“%(label)s” needs an answer.") % label
                continue
            if q.kind == Question.Kind.SINGLE:
                if text not in offered:
                    errors[q.name] = _(
                        "“%(label)s”: “%(value)s” is not one of the choices."
                    ) % {**label, "value": text[:50]}
                else:
                    cleaned[q.name] = text
            elif q.kind == Question.Kind.SCALE:
                low = 1 if q.scale_min is None else q.scale_min
                high = 5 if q.scale_max is None else q.scale_max
                try:
                    number = int(text)
                except ValueError:
                    number = None
                if number is None or not low <= number <= high:
                    errors[q.name] = _(
                        "“%(label)s”: choose a value from %(low)s to %(high)s."
                    ) % {**label, "low": low, "high": high}
                else:
                    cleaned[q.name] = number
            elif q.kind == Question.Kind.NUMBER:
                try:
                    amount = Decimal(text.replace(",", "."))
                    if not amount.is_finite() or abs(amount) >= Decimal("1e10"):
                        raise InvalidOperation
                except InvalidOperation:
                    errors[q.name] = _("“%(label)s”: write a number.") % label
                else:
                    cleaned[q.name] = amount
            else:
                if len(text) > 5000:
                    errors[q.name] = (
                        _("“%(label)s”: write at most 5000 characters.") % label
                    )
                else:
                    cleaned[q.name] = text
    return cleaned, errors


def answer_submit(
    *,
    survey: Survey,
    answers: Mapping[str, Any],
    invitation_token: str | None = None,
    client: str = "",
    language: str | None = None,
) -> Response:
    """Store one anonymous response; nothing about the person is kept.

    ``client`` (``ratelimit.address_key``: a hash, used only as a counter's key
    in the cache) limits how many answers one address sends to an open survey
    (``CONVIVIO_RATE_ANSWERS``); an invitation link is good for one answer and
    needs no limit.  ``language`` is the one the person answered in (one the
    survey has text in, else it is not recorded): the results count answers per
    language, and pool them, since answers hold choice values, not labels.
    """
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("This survey is not open for answers."))
    questions = list(
        survey.questions.select_related("condition_question").prefetch_related(
            "choices", "translations"
        )
    )
    if language not in survey_languages(survey, questions):
        language = None
    cleaned, errors = clean_answers(survey, questions, answers, language)
    if errors:
        raise ValidationError(errors)
    if client and not invitation_token:
        ratelimit.check(
            "survey-answer",
            client,
            "CONVIVIO_RATE_ANSWERS",
            _(
                "Many answers have come from your connection in a short time, so "
                "this one was not saved. Your answers are kept below: please send "
                "them again in %(wait)s."
            ),
        )
    with transaction.atomic():
        if survey.access == Survey.Access.INVITATION or invitation_token:
            if not invitation_token:
                raise ValidationError(
                    _(
                        "This survey is answered by invitation: "
                        "open the link you received."
                    )
                )
            today = timezone.localdate()
            used = Invitation.objects.filter(
                survey=survey, token=invitation_token, used_at__isnull=True
            ).update(
                used_at=timezone.now().replace(
                    hour=0, minute=0, second=0, microsecond=0
                )
            )
            if used != 1:
                if Invitation.objects.filter(
                    survey=survey, token=invitation_token
                ).exists():
                    raise ValidationError(used_message())
                raise ValidationError(
                    _("This invitation link is not valid for this survey.")
                )
        else:
            today = timezone.localdate()
        response = Response.objects.create(
            survey=survey, submitted_on=today, language_id=language
        )
        rows = []
        for q in questions:
            if q.name not in cleaned:
                continue
            value = cleaned[q.name]
            answer = Answer(response=response, question=q)
            if q.kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING):
                answer.values = value
            elif q.kind == Question.Kind.SCALE:
                answer.text = str(value)
                answer.number = Decimal(value)
            elif q.kind == Question.Kind.NUMBER:
                answer.number = value
            else:
                answer.text = value
            if q.kind != Question.Kind.TEXT:
                answer.moderation = Answer.Moderation.SHOWN
            rows.append(answer)
        Answer.objects.bulk_create(rows)
    return response


def used_message() -> str:
    return _("This invitation has already been used: each invitation gives one answer.")


def invitation_check(*, survey: Survey, token: str) -> Invitation:
    """The unused invitation of this token, or a clear message."""
    invitation = Invitation.objects.filter(survey=survey, token=token).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid for this survey."))
    if invitation.used_at is not None:
        raise ValidationError(used_message())
    return invitation
