"""Writes for feedback: channels, anonymous answers and public replies.

A channel's survey is made here, not through ``surveys.services.survey_create``:
the people who ask for feedback (a service's editors, a network's coordinators)
are not the territory teams who build surveys.  It is a survey of the engine all
the same: its questions and choices are translated records whose text in each
language comes from our catalogues (``gettext`` under each language), answers
are validated by ``surveys.services.clean_answers`` and stored as the engine
stores them (a response with its day and language, never the person), and the
results use its threshold and ``core.suppression``.

The survey is "by invitation" with no invitations: it never shows among the
open surveys or takes answers through the surveys' pages, only through the
channel's form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from convivio.community.models import Network
from convivio.core import ratelimit
from convivio.core.models import Territory
from convivio.core.translation import save_original, save_translation
from convivio.directory.models import Service
from convivio.events.models import Event
from convivio.surveys.models import (
    Answer,
    Choice,
    Question,
    Response,
    Survey,
)
from convivio.surveys.services import clean_answers

from . import permissions
from .models import COMMENT, RATING, Channel, FeedbackReply, new_code, target_kind

#: The survey's words, written in each language from the catalogues.
TITLE = gettext_noop("Feedback on %(name)s")
INTRODUCTION = gettext_noop(
    "Tell us how we did. Your answer is anonymous: we do not ask your name."
)
RATING_LABEL = gettext_noop("How did we do?")
COMMENT_LABEL = gettext_noop("Anything you want to tell us? (optional)")
#: The words of each point of the rating, 1 to 5.
RATING_WORDS = (
    gettext_noop("Very bad"),
    gettext_noop("Bad"),
    gettext_noop("So-so"),
    gettext_noop("Good"),
    gettext_noop("Very good"),
)
COMMENT_MAX = 2000


# ------------------------------------------------------------------ languages


def platform_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def offered_languages(target: Service | Network | Event) -> list[str]:
    """The languages feedback is asked in: the target's own language first,
    then the languages it works in, those the platform has words for
    (at least the platform's default language)."""
    platform = platform_languages()
    codes = [target.original_language_id]
    codes += sorted(
        (language.pk for language in target.languages.all()),
        key=lambda code: platform.index(code) if code in platform else 99,
    )
    offered = [code for code in dict.fromkeys(codes) if code in platform]
    return offered or [settings.LANGUAGE_CODE]


def _target_territory(target: Service | Network | Event) -> Territory:
    """The place the channel's survey belongs to (a survey has one)."""
    if isinstance(target, Network):
        return target.territory
    if isinstance(target, Event):
        found = (
            target.territory
            or (target.network.territory if target.network else None)
            or (target.organisation.territory if target.organisation else None)
        )
        if found is None:
            raise ValidationError(
                _("Give the event a place before asking for feedback.")
            )
        return found
    location = (
        target.service_locations.filter(location__territory__isnull=False)
        .select_related("location__territory")
        .order_by("id")
        .first()
    )
    found = location.location.territory if location else target.organisation.territory
    if found is None:
        raise ValidationError(
            _(
                "Give the service a place (an address in a town of the list of "
                "places) before asking for feedback."
            )
        )
    return found


def _target_name(target: Service | Network | Event, language: str) -> str:
    row = target.translation_for(language)
    if row is None:
        return str(target)
    return row.title if isinstance(target, Event) else row.name


# ------------------------------------------------------------------- channels


def _unique_code() -> str:
    for _attempt in range(10):
        code = new_code()
        if not Channel.objects.filter(code=code).exists():
            return code
    raise IntegrityError("no free feedback code")  # 31**6 codes: never in practice


def _write_texts(record, languages: list[str], values) -> None:
    """The record's text in each language, from the catalogues (``values`` a
    function of nothing giving the fields, called under each language)."""
    first, *others = languages
    with translation.override(first):
        save_original(record, values())
    for code in others:
        with translation.override(code):
            save_translation(record, code, values())


@transaction.atomic
def channel_open(*, user, target: Service | Network | Event) -> Channel:
    """Start asking for feedback on ``target``: its survey (a rating and a
    comment, in its languages) and a short code."""
    permissions.require_manage_target(user, target)
    ratelimit.check_member("feedback-channel", user)
    languages = offered_languages(target)
    survey = Survey.objects.create(
        territory=_target_territory(target),
        original_language_id=languages[0],
        status=Survey.Status.OPEN,
        access=Survey.Access.INVITATION,
        form_id="feedback",
        # Not the manager: a survey's maker reads every answer with its day on
        # the surveys' pages, and feedback keeps small groups from the people
        # who run the service (the channel records who opened it).
        created_by=None,
    )
    _write_texts(
        survey,
        languages,
        lambda: {
            "title": (
                _(TITLE) % {"name": _target_name(target, translation.get_language())}
            )[:300],
            "introduction": _(INTRODUCTION),
        },
    )
    rating = Question.objects.create(
        survey=survey,
        position=1,
        name=RATING,
        kind=Question.Kind.SCALE,
        required=True,
        scale_min=1,
        scale_max=5,
        original_language_id=languages[0],
    )
    _write_texts(rating, languages, lambda: {"label": _(RATING_LABEL)})
    for value, words in enumerate(RATING_WORDS, start=1):
        choice = Choice.objects.create(
            question=rating,
            position=value,
            value=str(value),
            original_language_id=languages[0],
        )
        _write_texts(choice, languages, lambda words=words: {"label": _(words)})
    comment = Question.objects.create(
        survey=survey,
        position=2,
        name=COMMENT,
        kind=Question.Kind.TEXT,
        original_language_id=languages[0],
    )
    _write_texts(comment, languages, lambda: {"label": _(COMMENT_LABEL)})
    return Channel.objects.create(
        **{target_kind(target): target},
        survey=survey,
        code=_unique_code(),
        created_by=user,
    )


@transaction.atomic
def channel_set_open(*, user, channel: Channel, is_open: bool) -> Channel:
    """Close a channel (its address then says so) or open it again."""
    permissions.require_manage_channel(user, channel)
    channel.is_open = is_open
    channel.save(update_fields=["is_open"])
    Survey.objects.filter(pk=channel.survey_id).update(
        status=Survey.Status.OPEN if is_open else Survey.Status.CLOSED,
        updated_at=timezone.now(),
    )
    return channel


# -------------------------------------------------------------------- answers


def feedback_submit(
    *,
    channel: Channel,
    answers: Mapping[str, Any],
    language: str | None,
    client: str = "",
) -> Response:
    """Store one anonymous answer (a rating, perhaps a comment).

    ``client`` (``ratelimit.address_key``) only counts answers from one address
    (``CONVIVIO_RATE_FEEDBACK``); nothing of it is stored.  ``language`` is the
    one the form was shown in, kept when the channel offers it.
    """
    if not channel.is_open:
        raise ValidationError(_("This feedback channel is closed."))
    survey = channel.survey
    questions = list(
        survey.questions.order_by("position").prefetch_related(
            "choices", "translations"
        )
    )
    offered = {row.language_id for q in questions for row in q.translations.all()}
    if language not in offered:
        language = None
    comment = str(answers.get(COMMENT) or "")
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {COMMENT: _("Write at most %(max)s characters.") % {"max": COMMENT_MAX}}
        )
    cleaned, errors = clean_answers(survey, questions, answers, language)
    if errors:
        raise ValidationError(errors)
    if client:
        ratelimit.check(
            "feedback",
            client,
            "CONVIVIO_RATE_FEEDBACK",
            _(
                "Many answers have come from your connection in a short time, so "
                "this one was not saved. Your answers are kept below: please send "
                "them again in %(wait)s."
            ),
        )
    with transaction.atomic():
        # As the survey engine stores an answer: the day, the language, no person.
        response = Response.objects.create(
            survey=survey, submitted_on=timezone.localdate(), language_id=language
        )
        rows = []
        for question in questions:
            if question.name not in cleaned:
                continue
            value = cleaned[question.name]
            if question.kind == Question.Kind.SCALE:
                rows.append(
                    Answer(
                        response=response,
                        question=question,
                        text=str(value),
                        number=Decimal(value),
                        moderation=Answer.Moderation.SHOWN,
                    )
                )
            else:
                rows.append(Answer(response=response, question=question, text=value))
        Answer.objects.bulk_create(rows)
    return response


# -------------------------------------------------------------------- replies


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


@transaction.atomic
def reply_add(
    *,
    user,
    channel: Channel,
    text: str,
    month: dt.date | None = None,
    answer: Answer | None = None,
    language: str | None = None,
) -> FeedbackReply:
    """The organisation's public answer to a month's feedback or to a comment."""
    permissions.require_manage_channel(user, channel)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the reply.")})
    if len(text) > 5000:
        raise ValidationError(
            {"text": _("Write at most %(max)s characters.") % {"max": 5000}}
        )
    if answer is not None:
        # As stored (its month, its question), whatever the caller holds.
        answer = Answer.objects.select_related("question", "response").get(pk=answer.pk)
        if answer.question.survey_id != channel.survey_id or answer.question.name != (
            COMMENT
        ):
            raise ValidationError(_("This comment is not one of this channel's."))
        month = month_start(answer.response.submitted_on)
    if month is None:
        raise ValidationError({"month": _("Say which month the reply is about.")})
    ratelimit.check_member("feedback-reply", user)
    return FeedbackReply.objects.create(
        channel=channel,
        month=month_start(month),
        answer=answer,
        text=text,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        by=user,
    )


@transaction.atomic
def reply_delete(*, user, reply: FeedbackReply) -> None:
    """Take a reply down (kept, marked deleted, as posts are)."""
    permissions.require_manage_channel(user, reply.channel)
    reply.state = FeedbackReply.State.DELETED
    reply.save(update_fields=["state"])
