"""Opening hours: is a service open at a moment, and its week as a table.

Weekly rows (``weekday`` 1 Monday … 7 Sunday) apply between ``valid_from`` and
``valid_to`` when given.  A row with a ``date`` is an exception: the exceptions of
a date replace the weekly rows of that weekday.  Times are local to
``settings.TIME_ZONE``; a row has no overnight hours (it closes after it opens), an
open row without a closing time is open until midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats
from django.utils.dates import WEEKDAYS

MIDNIGHT = dt.time(0, 0)


def local(at: dt.datetime) -> dt.datetime:
    """``at`` in the site's time zone (a naive datetime is taken as already local)."""
    if at.tzinfo is None:
        return at
    return at.astimezone(ZoneInfo(settings.TIME_ZONE))


def _valid_on(row, day: dt.date) -> bool:
    if row.valid_from and day < row.valid_from:
        return False
    if row.valid_to and day > row.valid_to:
        return False
    return True


def rows_for_day(schedules: Iterable, day: dt.date) -> tuple[list, bool]:
    """The rows that apply on ``day`` and whether they are a date exception."""
    schedules = list(schedules)
    exceptions = [row for row in schedules if row.date == day]
    if exceptions:
        return exceptions, True
    weekday = day.isoweekday()
    return [
        row
        for row in schedules
        if row.date is None and row.weekday == weekday and _valid_on(row, day)
    ], False


def _open_in(row, moment: dt.time) -> bool:
    if row.closed:
        return False
    opens = row.opens_at or MIDNIGHT
    if moment < opens:
        return False
    return row.closes_at is None or moment < row.closes_at


def is_open(schedules: Iterable, at: dt.datetime) -> bool:
    """True when one of the rows that apply on ``at``'s local day covers its time."""
    moment = local(at)
    rows, _exception = rows_for_day(schedules, moment.date())
    if any(row.closed for row in rows):
        return False
    return any(_open_in(row, moment.time()) for row in rows)


@dataclass
class DayHours:
    date: dt.date
    name: str
    intervals: list[tuple[dt.time | None, dt.time | None]] = field(default_factory=list)
    exception: bool = False
    is_today: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return not self.intervals

    @property
    def label(self) -> str:
        return ", ".join(
            "{}–{}".format(
                formats.time_format(opens or MIDNIGHT, "H:i"),
                formats.time_format(closes, "H:i") if closes else "24:00",
            )
            for opens, closes in self.intervals
        )


def week_table(schedules: Iterable, today: dt.date) -> list[DayHours]:
    """Seven days from ``today``: the hours of each, exceptions marked."""
    schedules = list(schedules)
    days = []
    for offset in range(7):
        day = today + dt.timedelta(days=offset)
        rows, exception = rows_for_day(schedules, day)
        entry = DayHours(
            date=day,
            name=str(WEEKDAYS[day.weekday()]),
            exception=exception,
            is_today=offset == 0,
            notes=[row.notes for row in rows if row.notes],
        )
        if not any(row.closed for row in rows):
            entry.intervals = sorted(
                ((row.opens_at, row.closes_at) for row in rows),
                key=lambda pair: pair[0] or MIDNIGHT,
            )
        days.append(entry)
    return days
