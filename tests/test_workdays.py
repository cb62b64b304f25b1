"""Working days against the State Council General Office's notice on the 2026 holidays,
each expected date worked out by hand from the notice.

The 2026 notice: New Year 1–3 Jan (Sun 4 Jan worked); Spring Festival 15–23 Feb (Sat 14 Feb
and Sat 28 Feb worked); Qingming 4–6 Apr; Labour Day 1–5 May (Sat 9 May worked); Dragon
Boat 19–21 Jun; Mid-Autumn 25–27 Sep; National Day 1–7 Oct (Sun 20 Sep and Sat 10 Oct
worked). The day the complaint is received is not counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

from walletcomplain import workdays

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        # Mon 28 Sep: Tue 29 (1), Wed 30 (2); 1–7 Oct holiday; Thu 8 (3), Fri 9 (4),
        # Sat 10 worked (5), Sun 11 off, Mon 12 (6), Tue 13 (7).
        (D(2026, 9, 28), 7, D(2026, 10, 13), "National Day, with Sat 10 Oct worked"),
        # Fri 18 Sep: Sun 20 Sep is a working day (调休): Sun 20 (1), Mon 21 (2), Tue 22 (3),
        # Wed 23 (4), Thu 24 (5); 25–27 Mid-Autumn; Mon 28 (6), Tue 29 (7).
        (D(2026, 9, 18), 7, D(2026, 9, 29), "Sun 20 Sep worked, then Mid-Autumn"),
        # Wed 11 Feb: Thu 12 (1), Fri 13 (2), Sat 14 worked (3); 15–23 Spring Festival;
        # Tue 24 (4), Wed 25 (5), Thu 26 (6), Fri 27 (7).
        (D(2026, 2, 11), 7, D(2026, 2, 27), "Sat 14 Feb worked, then Spring Festival"),
        # Mon 23 Feb (a holiday itself): Tue 24 (1) … Fri 27 (4), Sat 28 worked (5),
        # Mon 2 Mar (6), Tue 3 Mar (7).
        (D(2026, 2, 23), 7, D(2026, 3, 3), "Sat 28 Feb worked"),
        # Wed 29 Apr: Thu 30 (1); 1–5 May Labour Day; Wed 6 (2), Thu 7 (3), Fri 8 (4),
        # Sat 9 worked (5), Mon 11 (6), Tue 12 (7).
        (D(2026, 4, 29), 7, D(2026, 5, 12), "Labour Day, with Sat 9 May worked"),
        # Wed 31 Dec 2025: 1–3 Jan holiday; Sun 4 Jan worked (1), Mon 5 (2) … Thu 8 (5),
        # Fri 9 (6), Mon 12 (7).
        (D(2025, 12, 31), 7, D(2026, 1, 12), "New Year, with Sun 4 Jan worked"),
        # Fri 20 Nov 2026, an ordinary stretch: Mon 23 (1) … Fri 27 (5), Mon 30 (6), Tue 1 (7).
        (D(2026, 11, 20), 7, D(2026, 12, 1), "weekends only"),
    ],
)
def test_working_days_follow_the_2026_schedule(
    start: dt.date, days: int, expected: dt.date, why: str
) -> None:
    deadline = workdays.add_working_days(start, days)
    assert deadline.date == expected, why
    assert not deadline.estimate


def test_a_count_into_2027_is_an_estimate_and_never_crashes() -> None:
    # Mon 28 Dec 2026: Tue 29 (1), Wed 30 (2), Thu 31 (3); 2027 has no published schedule,
    # so weekends only: Fri 1 Jan (4), Mon 4 (5), Tue 5 (6), Wed 6 (7).
    deadline = workdays.add_working_days(D(2026, 12, 28), 7)
    assert deadline.date == D(2027, 1, 6)
    assert deadline.estimate
    assert deadline.to_json()["estimate"] is True


def test_a_calendar_day_deadline_on_a_holiday_says_so() -> None:
    # 15 days after Tue 22 Sep 2026 is Wed 7 Oct, the last day of the National Day holiday.
    deadline = workdays.add_calendar_days(D(2026, 9, 22), 15)
    assert deadline.date == D(2026, 10, 7)
    assert deadline.holiday == "national_day"
    assert workdays.add_calendar_days(D(2026, 11, 1), 15).holiday is None


def test_the_message_for_every_holiday_exists() -> None:
    from chinese_calendar.constants import Holiday

    from walletcomplain.messages import M

    for h in Holiday:
        assert f"hol_{workdays._holiday_key(h)}" in M, h


def test_a_case_log_deadline_into_2027_is_labelled_an_estimate_on_screen_and_in_json(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    import json

    from typer.testing import CliRunner

    from walletcomplain.cli import app

    runner = CliRunner()
    monkeypatch.setenv("WALLETCOMPLAIN_TODAY", "2026-12-28")
    example = runner.invoke(app, ["playbooks", "show", "dispute", "--example"]).stdout
    saved = runner.invoke(
        app, ["letter", "-i", "dispute", "-p", "alipay", "--answers", "-", "--save"], input=example
    )
    assert saved.exit_code == 0, saved.output
    logged = runner.invoke(
        app, ["cases", "log", "1", "--channel", "authority", "--authority", "samr"]
    )
    assert logged.exit_code == 0, logged.output
    assert "估算" in logged.stderr  # 7 working days from 28 Dec 2026 run into 2027
    data = json.loads(runner.invoke(app, ["cases", "show", "1", "--json"]).stdout)
    assert data["next_due"] == "2027-01-06" and data["next_due_estimate"] is True
