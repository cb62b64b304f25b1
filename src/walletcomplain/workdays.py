"""Deadlines on the official Chinese calendar.

Working days follow the State Council's published holiday schedule, 调休 Saturdays
and Sundays included: the `chinese-calendar` package carries each year's notice.
A year whose schedule is not published (the package raises for it) is counted over
weekends only, and the deadline says it is an estimate. The package costs ~35 ms to
import, so it is loaded only when a working-day count is actually made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Deadline:
    date: dt.date
    working_days: bool
    estimate: bool = False  # a day in the count lies in a year with no published schedule
    holiday: str | None = None  # the public holiday a calendar-day deadline falls on (its key)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "working_days": self.working_days,
            "estimate": self.estimate,
            "holiday": self.holiday,
        }


def _schedule() -> Any:
    import chinese_calendar

    return chinese_calendar


def day_kind(day: dt.date) -> tuple[bool, bool, str | None]:
    """(is a working day, known from a published schedule, holiday key or None)."""
    cc = _schedule()
    try:
        on_holiday, name = cc.get_holiday_detail(day)
    except NotImplementedError:  # no published schedule for that year yet
        return day.weekday() < 5, False, None
    key = _holiday_key(name) if on_holiday and name is not None else None
    return not on_holiday, True, key


def _holiday_key(name: Any) -> str:
    """The package's holiday enum as a key that messages.py names in both languages."""
    return str(getattr(name, "name", name)).lower().replace(" ", "_").replace("'", "")


def add_working_days(start: dt.date, days: int) -> Deadline:
    """The date `days` working days after `start` (the day of receipt is not counted)."""
    day, left, estimate = start, days, False
    while left > 0:
        day += dt.timedelta(days=1)
        working, known, _ = day_kind(day)
        estimate = estimate or not known
        if working:
            left -= 1
    return Deadline(date=day, working_days=True, estimate=estimate)


def add_calendar_days(start: dt.date, days: int) -> Deadline:
    """Calendar days; says so when the last day falls on a public holiday."""
    day = start + dt.timedelta(days=days)
    _, known, holiday = day_kind(day)
    return Deadline(date=day, working_days=False, estimate=not known, holiday=holiday)


def add_days(start: dt.date, days: int, working_days: bool) -> Deadline:
    return add_working_days(start, days) if working_days else add_calendar_days(start, days)
