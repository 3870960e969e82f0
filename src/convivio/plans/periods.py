"""Reporting periods: a year ("2025"), a quarter ("2025-Q2") or a month ("2025-03")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A period written in a way we do not read; the message says how to write it."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    key: str
    frequency: str  # "yearly", "quarterly" or "monthly"

    def __str__(self) -> str:
        return self.key

    def within(self, start: date, end: date) -> bool:
        return start <= self.start and self.end <= end


def parse_period(text: str) -> Period:
    key = (text or "").strip().upper()
    if match := _YEAR.match(key):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), key, "yearly")
    if match := _QUARTER.match(key):
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        last_day = calendar.monthrange(year, first + 2)[1]
        return Period(
            date(year, first, 1), date(year, first + 2, last_day), key, "quarterly"
        )
    if match := _MONTH.match(key):
        year, month = int(match[1]), int(match[2])
        last_day = calendar.monthrange(year, month)[1]
        return Period(date(year, month, 1), date(year, month, last_day), key, "monthly")
    raise PeriodError(
        _(
            "“%(period)s” is not a period: write a year (2025), a quarter "
            "(2025-Q2) or a month (2025-03)."
        )
        % {"period": text}
    )


def periods_between(first_year: int, last_year: int, frequency: str) -> list[Period]:
    """Every period of ``frequency`` from the first January to the last December."""
    keys: list[str] = []
    for year in range(first_year, last_year + 1):
        if frequency == "quarterly":
            keys += [f"{year}-Q{q}" for q in range(1, 5)]
        elif frequency == "monthly":
            keys += [f"{year}-{m:02d}" for m in range(1, 13)]
        else:
            keys.append(str(year))
    return [parse_period(key) for key in keys]
