"""Opening hours: open at a moment, exceptions, validity, midnight edges."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from convivio.directory.hours import is_open, week_table

UTC = dt.UTC
# 2026-03-02 is a Monday.
MONDAY = dt.date(2026, 3, 2)


def row(weekday=None, date=None, opens=None, closes=None, closed=False, **kw):
    return SimpleNamespace(
        weekday=weekday,
        date=date,
        closed=closed,
        opens_at=dt.time(*opens) if opens else None,
        closes_at=dt.time(*closes) if closes else None,
        valid_from=kw.get("valid_from"),
        valid_to=kw.get("valid_to"),
        notes=kw.get("notes", ""),
    )


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=UTC)


WEEK = [row(1, opens=(9,), closes=(13,)), row(1, opens=(15,), closes=(18,))]


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (8, 59, False),
        (9, 0, True),  # opening minute is open
        (12, 59, True),
        (13, 0, False),  # closing minute is closed
        (14, 0, False),  # the lunch break
        (15, 30, True),
        (18, 0, False),
    ],
)
def test_weekly_hours_with_a_break(settings, hour, minute, expected):
    settings.TIME_ZONE = "UTC"
    assert is_open(WEEK, at(MONDAY, hour, minute)) is expected


def test_other_weekdays_and_no_rows_are_closed(settings):
    settings.TIME_ZONE = "UTC"
    assert not is_open(WEEK, at(MONDAY + dt.timedelta(days=1), 10))
    assert not is_open([], at(MONDAY, 10))


def test_midnight_edges(settings):
    settings.TIME_ZONE = "UTC"
    late = [row(1, opens=(20,)), row(2, opens=(0,), closes=(2,))]  # to midnight
    assert is_open(late, at(MONDAY, 23, 59))
    assert is_open(late, at(MONDAY + dt.timedelta(days=1), 0, 0))
    assert not is_open(late, at(MONDAY + dt.timedelta(days=1), 2, 0))
    assert not is_open(late, at(MONDAY, 0, 0))


def test_date_exception_replaces_the_weekday(settings):
    settings.TIME_ZONE = "UTC"
    holiday = row(date=MONDAY, closed=True)
    assert not is_open([*WEEK, holiday], at(MONDAY, 10))
    special = row(date=MONDAY, opens=(16,), closes=(20,))
    assert not is_open([*WEEK, special], at(MONDAY, 10))
    assert is_open([*WEEK, special], at(MONDAY, 19))
    # A following Monday keeps the weekly hours.
    assert is_open([*WEEK, holiday], at(MONDAY + dt.timedelta(days=7), 10))
    # An exception can open a Sunday that is otherwise closed.
    sunday = MONDAY + dt.timedelta(days=6)
    assert is_open([*WEEK, row(date=sunday, opens=(10,), closes=(12,))], at(sunday, 11))


def test_validity_period(settings):
    settings.TIME_ZONE = "UTC"
    summer = [
        row(1, opens=(9,), closes=(13,), valid_to=MONDAY - dt.timedelta(days=1)),
        row(1, opens=(8,), closes=(9,), valid_from=MONDAY),
    ]
    assert not is_open(summer, at(MONDAY, 10))
    assert is_open(summer, at(MONDAY, 8, 30))
    assert is_open(summer, at(MONDAY - dt.timedelta(days=7), 10))


def test_local_time_zone(settings):
    settings.TIME_ZONE = "Europe/Lisbon"  # UTC+1 in summer
    monday_summer = dt.date(2026, 7, 6)
    hours = [row(1, opens=(9,), closes=(10,))]
    assert is_open(hours, dt.datetime(2026, 7, 6, 8, 30, tzinfo=UTC))
    assert not is_open(hours, dt.datetime(2026, 7, 6, 9, 30, tzinfo=UTC))
    lisbon = dt.datetime.combine(
        monday_summer, dt.time(9, 15), tzinfo=ZoneInfo("Europe/Lisbon")
    )
    assert is_open(hours, lisbon)


def test_week_table_marks_closed_days_and_exceptions():
    holiday = row(date=MONDAY + dt.timedelta(days=7), closed=True, notes="Holiday")
    table = week_table([*WEEK, holiday], MONDAY + dt.timedelta(days=1))
    assert len(table) == 7
    assert table[0].is_today and table[0].closed  # Tuesday
    monday = table[6]
    assert monday.date == MONDAY + dt.timedelta(days=7)
    assert monday.exception and monday.closed and monday.notes == ["Holiday"]
    plain = week_table(WEEK, MONDAY)[0]
    assert plain.label == "09:00–13:00, 15:00–18:00"
    assert not plain.closed and not plain.exception
