"""Reads for feedback: channels, results over time, replies, a place's services.

Small groups are hidden as the survey engine hides them (its ``threshold`` and
``core.suppression.protect``), from everybody, managers included: the people
who run a service see who came on a day, so a month's figures from a few
answers could point at them.

- A month with answers from 1 to threshold − 1 people shows nothing but
  "hidden" (never 0), and so do as many other months as it takes for none to be
  worked out from the total of all months (the months are a one-way table of
  the published total).
- A shown month's spread of ratings is a table tied to two published figures,
  its number of answers and its average (the sum of the ratings): a count from
  1 to threshold − 1 is hidden, and as many others as it takes for none to be
  worked out from both.
- The overall average and count are shown only from ``threshold`` answers.

Comments go to the channel's managers only, with their month and language,
never their day or rating; the public sees the aggregate and the replies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from convivio.community.models import Network
from convivio.core.models import Territory
from convivio.core.selectors import in_territory_tree
from convivio.core.suppression import hidden_text, protect
from convivio.directory.models import Service
from convivio.directory.permissions import VISIBLE_STATUSES
from convivio.events.models import Event
from convivio.surveys.models import Answer
from convivio.surveys.results import threshold

from .models import (
    CODE_ALPHABET,
    COMMENT,
    RATING,
    Channel,
    FeedbackReply,
    target_kind,
)

POINTS = ("1", "2", "3", "4", "5")
#: The published figures a month's spread adds up to (cells of protect's lines).
TOTAL = ("total",)
SUM = ("sum",)


def channel_by_code(code: str) -> Channel:
    """The channel of a short code (typed from a poster: any case), or 404."""
    code = (code or "").strip().lower()
    if not code or any(c not in CODE_ALPHABET for c in code):
        raise Http404(_("There is no feedback channel at this address."))
    channel = (
        Channel.objects.select_related("service__organisation", "network", "survey")
        .filter(code=code)
        .first()
    )
    if channel is None:
        raise Http404(_("There is no feedback channel at this address."))
    return channel


def channels_of(target: Service | Network | Event) -> QuerySet[Channel]:
    kind = target_kind(target)
    return Channel.objects.filter(**{kind: target}).order_by("-is_open", "-id")


def open_channel(target: Service | Network | Event) -> Channel | None:
    return channels_of(target).filter(is_open=True).first()


def _ratings(target: Service | Network | Event) -> QuerySet[Answer]:
    kind = target_kind(target)
    return Answer.objects.filter(
        question__name=RATING,
        **{f"question__survey__feedback_channel__{kind}": target},
    )


def _round(value: Decimal | float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Point:
    value: str
    count: int
    hidden: bool = False

    @property
    def display(self) -> str:
        return hidden_text() if self.hidden else str(self.count)


@dataclass
class Month:
    month: dt.date
    count: int
    total: int = 0
    hidden: bool = False
    average: Decimal | None = None
    points: list[Point] = field(default_factory=list)

    @property
    def count_display(self) -> str:
        return hidden_text() if self.hidden else str(self.count)


@dataclass
class Results:
    count: int
    threshold: int
    months: list[Month]
    #: Shown only from ``threshold`` answers.
    average: Decimal | None = None

    @property
    def enough(self) -> bool:
        return self.count >= self.threshold


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def results(
    target: Service | Network | Event, *, today: dt.date | None = None
) -> Results:
    """Per month from the first answer to this month: the number of answers,
    the average rating and the spread, small groups hidden (one query)."""
    limit = threshold()
    spread: dict[dt.date, dict[str, int]] = {}
    for month, text, n in (
        _ratings(target)
        .annotate(month=TruncMonth("response__submitted_on"))
        .values_list("month", "text")
        .annotate(n=Count("id"))
        .order_by()
    ):
        spread.setdefault(_as_date(month), {}).setdefault(text, 0)
        spread[_as_date(month)][text] += n
    if not spread:
        return Results(count=0, threshold=limit, months=[])
    today = today or timezone.localdate()
    last = max(max(spread), today.replace(day=1))
    months = _months_between(min(spread), last)
    counts = {m: sum(spread.get(m, {}).values()) for m in months}
    total = sum(counts.values())
    rated = sum(int(v) * n for points in spread.values() for v, n in points.items())
    hidden_months = protect(counts, [[(m, 1) for m in months] + [(TOTAL, -1)]], limit)
    rows = []
    for month in months:
        row = Month(month=month, count=counts[month], hidden=month in hidden_months)
        if not row.hidden and row.count:
            points = {v: spread[month].get(v, 0) for v in POINTS}
            lines = [
                [(v, 1) for v in POINTS] + [(TOTAL, -1)],
                [(v, int(v)) for v in POINTS] + [(SUM, -1)],
            ]
            secret = protect(points, lines, limit)
            row.points = [Point(v, points[v], v in secret) for v in POINTS]
            row.average = _round(
                Decimal(sum(int(v) * n for v, n in points.items())) / row.count
            )
        rows.append(row)
    rows.reverse()  # the latest month first
    enough = total >= limit
    return Results(
        count=total,
        threshold=limit,
        months=rows,
        average=_round(Decimal(rated) / total) if enough else None,
    )


def summary(target: Service | Network | Event) -> Results:
    """The overall count and average only (one query): a service page's."""
    limit = threshold()
    found = _ratings(target).aggregate(n=Count("id"), avg=Avg("number"))
    count = found["n"] or 0
    return Results(
        count=count,
        threshold=limit,
        months=[],
        average=_round(found["avg"]) if count >= limit else None,
    )


def comments(target: Service | Network | Event) -> QuerySet[Answer]:
    """The comments, newest first, for the channel's managers (month and
    language only: ``response__submitted_on`` is read for its month)."""
    kind = target_kind(target)
    return (
        Answer.objects.filter(
            question__name=COMMENT,
            **{f"question__survey__feedback_channel__{kind}": target},
        )
        .exclude(text="")
        .select_related("response")
        .order_by("-response__submitted_on", "-id")
    )


def replies(target: Service | Network | Event, *, limit: int | None = None) -> list:
    kind = target_kind(target)
    rows = FeedbackReply.objects.filter(
        state=FeedbackReply.State.VISIBLE, **{f"channel__{kind}": target}
    ).order_by("-at", "-id")
    return list(rows[:limit] if limit else rows)


@dataclass
class ServiceRating:
    service: Service
    count: int
    average: Decimal
    #: The service's text in the reader's language (else the original).
    text: Any = None


def place_ratings(territory: Territory, *, limit: int = 20) -> list[ServiceRating]:
    """The services of a place with enough answers (``threshold``), their
    average rating and count, the lowest average first (one query, two more
    for the services' names when some are listed)."""
    minimum = threshold()
    # The services the directory lists for the place (visible, at a location in
    # it or a place inside it), as a condition of the one query.
    services = Service.objects.filter(
        in_territory_tree([territory.pk], "service_locations__location__territory"),
        status__in=VISIBLE_STATUSES,
    )
    rows = list(
        Answer.objects.filter(
            question__name=RATING,
            question__survey__feedback_channel__service__in=services.values("pk"),
        )
        .values_list("question__survey__feedback_channel__service")
        .annotate(n=Count("id"), avg=Avg("number"))
        .filter(n__gte=minimum)
        .order_by("avg", "-n")[:limit]
    )
    if not rows:
        return []
    by_id = Service.objects.prefetch_related("translations").in_bulk(
        [pk for pk, _n, _avg in rows]
    )
    language = get_language()
    return [
        ServiceRating(
            by_id[pk], n, _round(avg) or Decimal(0), by_id[pk].translation_for(language)
        )
        for pk, n, avg in rows
        if pk in by_id
    ]
