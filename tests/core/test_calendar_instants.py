"""Amsterdam instants: same clock time across clock changes (art. 2 lid 1, art. 9 lid 1 Wth)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from huisverbod.core.calendar.instants import (
    AMSTERDAM,
    add_days_same_clock_time,
    add_elapsed_hours,
    as_utc,
    end_of_day,
    isoformat,
)

# (start, days, expected, why)
SAME_CLOCK_TIME = [
    (
        datetime(2021, 3, 20, 23, 40, tzinfo=AMSTERDAM),
        10,
        "2021-03-30T23:40:00+02:00",
        "across the spring change",
    ),
    (
        datetime(2021, 10, 25, 23, 40, tzinfo=AMSTERDAM),
        10,
        "2021-11-04T23:40:00+01:00",
        "across the autumn change",
    ),
    (datetime(2021, 3, 18, 2, 30, tzinfo=AMSTERDAM), 10, "2021-03-28T03:30:00+02:00", "into the spring gap"),
    (
        datetime(2021, 10, 21, 2, 30, tzinfo=AMSTERDAM),
        10,
        "2021-10-31T02:30:00+02:00",
        "into the autumn fold",
    ),
    (
        datetime(2021, 3, 20, 22, 40, tzinfo=UTC),
        10,
        "2021-03-30T23:40:00+02:00",
        "a UTC start counts in Amsterdam",
    ),
]


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"), SAME_CLOCK_TIME, ids=[r[3] for r in SAME_CLOCK_TIME]
)
def test_add_days_same_clock_time(start: datetime, days: int, expected: str, why: str) -> None:
    result = add_days_same_clock_time(start, days)
    assert result.isoformat() == expected, why
    assert as_utc(result) == as_utc(datetime.fromisoformat(expected))


def test_a_time_in_the_spring_gap_is_expressed_as_it_exists() -> None:
    # 02:30 on 28 March 2021 never happened; the result is the same instant written as 03:30
    # CEST, so it equals a plain 03:30 Amsterdam datetime also in same-tzinfo comparison.
    result = add_days_same_clock_time(datetime(2021, 3, 18, 2, 30, tzinfo=AMSTERDAM), 10)
    assert result == datetime(2021, 3, 28, 3, 30, tzinfo=AMSTERDAM)
    assert as_utc(result) == datetime(2021, 3, 28, 1, 30, tzinfo=UTC)


def test_elapsed_hours_cross_the_clock_change_in_real_time() -> None:
    start = datetime(2021, 10, 30, 23, 40, tzinfo=AMSTERDAM)
    end = add_elapsed_hours(start, 24)
    assert end.isoformat() == "2021-10-31T22:40:00+01:00"
    assert as_utc(end) - as_utc(start) == timedelta(hours=24)


def test_as_utc_orders_the_two_passes_of_the_autumn_hour() -> None:
    first = datetime(2021, 10, 31, 2, 30, fold=0, tzinfo=AMSTERDAM)
    second = datetime(2021, 10, 31, 2, 15, fold=1, tzinfo=AMSTERDAM)
    assert second < first  # Python's same-tzinfo comparison: wall clock only
    assert as_utc(first) < as_utc(second)  # the instants: the second pass is 45 minutes later


def test_end_of_day_is_the_next_local_midnight() -> None:
    assert isoformat(end_of_day(datetime(2021, 3, 27).date())) == "2021-03-28T00:00:00+01:00"
    assert isoformat(end_of_day(datetime(2021, 3, 28).date())) == "2021-03-29T00:00:00+02:00"
