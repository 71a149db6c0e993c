"""Working days and deadlines counted in them (art. 1 and 3 Algemene termijnenwet)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huisverbod.core.calendar.instants import AMSTERDAM, end_of_day
from huisverbod.core.calendar.workdays import (
    add_working_days,
    is_working_day,
    nth_working_day_after,
    working_days_between,
)

WORKING_DAYS = [
    (date(2024, 3, 28), True, "Thursday before Easter"),
    (date(2024, 3, 29), False, "Goede Vrijdag (art. 3 lid 2 Atw)"),
    (date(2024, 3, 30), False, "Saturday (art. 1 lid 1 Atw)"),
    (date(2024, 3, 31), False, "Sunday (Eerste Paasdag)"),
    (date(2024, 4, 1), False, "Tweede Paasdag"),
    (date(2024, 4, 2), True, "Tuesday after Easter"),
    (date(2025, 4, 25), True, "Friday before Koningsdag 2025"),
    (date(2025, 4, 28), True, "Monday after Koningsdag 2025: Koningsdag moved to Saturday, not Monday"),
    (date(2023, 4, 27), False, "Koningsdag on a Thursday"),
    (date(2023, 5, 5), False, "Bevrijdingsdag on a Friday"),
    (date(2024, 5, 9), False, "Hemelvaartsdag"),
    (date(2024, 5, 10), True, "Friday after Ascension: not equated by the default table"),
    (date(2024, 5, 20), False, "Tweede Pinksterdag"),
    (date(2024, 12, 24), True, "Christmas Eve"),
    (date(2024, 12, 25), False, "Eerste Kerstdag"),
    (date(2024, 12, 26), False, "Tweede Kerstdag"),
    (date(2024, 12, 31), True, "New Year's Eve"),
    (date(2025, 1, 1), False, "Nieuwjaarsdag"),
]


@pytest.mark.parametrize(("day", "working", "why"), WORKING_DAYS, ids=[row[2] for row in WORKING_DAYS])
def test_is_working_day(day: date, working: bool, why: str) -> None:
    assert is_working_day(day) is working, why


def amsterdam(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


# Veilig Thuis's veiligheidsbeoordeling: "binnen vijf werkdagen" (art. 4.1.7 lid 1 Uitvoeringsbesluit
# Wmo 2015). (report received, n, last working day, why)
FIVE_WORKING_DAYS = [
    (
        amsterdam(2024, 3, 25, 10, 0),
        5,
        date(2024, 4, 3),
        "Monday before Easter: skips Goede Vrijdag and Tweede Paasdag",
    ),
    (amsterdam(2024, 3, 28, 16, 0), 5, date(2024, 4, 8), "Thursday before Easter 2024"),
    (amsterdam(2024, 3, 30, 23, 30), 5, date(2024, 4, 8), "Saturday report counts from Tuesday after Easter"),
    (amsterdam(2024, 5, 6, 9, 0), 5, date(2024, 5, 14), "week of Ascension (9 May)"),
    (amsterdam(2024, 5, 16, 9, 0), 5, date(2024, 5, 24), "Whit Monday 20 May"),
    (amsterdam(2023, 4, 24, 9, 0), 5, date(2023, 5, 2), "Koningsdag Thursday 27 April 2023"),
    (amsterdam(2023, 5, 1, 9, 0), 5, date(2023, 5, 9), "Bevrijdingsdag Friday 5 May 2023"),
    (amsterdam(2021, 12, 23, 9, 0), 5, date(2021, 12, 30), "Christmas 2021 on the weekend: nothing extra"),
    (amsterdam(2024, 12, 23, 9, 0), 5, date(2025, 1, 2), "Christmas and New Year 2024-2025"),
    (
        amsterdam(2025, 4, 24, 9, 0),
        5,
        date(2025, 5, 1),
        "Koningsdag 2025 on Saturday: the week is unaffected",
    ),
    (
        amsterdam(2021, 3, 26, 12, 0),
        5,
        date(2021, 4, 6),
        "spring DST change (28 March) and Easter Monday 5 April",
    ),
    (amsterdam(2021, 10, 29, 12, 0), 1, date(2021, 11, 1), "autumn DST change on the weekend"),
    (amsterdam(2024, 2, 26, 12, 0), 4, date(2024, 3, 1), "across 29 February"),
]


@pytest.mark.parametrize(
    ("received", "n", "last_day", "why"), FIVE_WORKING_DAYS, ids=[r[3] for r in FIVE_WORKING_DAYS]
)
def test_add_working_days_ends_at_the_end_of_the_last_working_day(
    received: datetime, n: int, last_day: date, why: str
) -> None:
    assert nth_working_day_after(received, n) == last_day, why
    due = add_working_days(received, n)
    assert due == end_of_day(last_day)
    assert due.tzinfo is AMSTERDAM
    assert (due.hour, due.minute) == (0, 0)
    assert due.date() == last_day + timedelta(days=1)


def test_the_end_of_a_working_day_is_local_midnight_even_on_a_dst_day() -> None:
    # The last day is Monday 29 March 2021, the day after the spring change: still 00:00 +02:00.
    due = add_working_days(date(2021, 3, 22), 5)
    assert due.isoformat() == "2021-03-30T00:00:00+02:00"


def test_a_datetime_counts_by_its_amsterdam_day_not_its_utc_day() -> None:
    # 23:30 on Monday in Amsterdam is 21:30 UTC on Monday; 00:30 on Tuesday in Amsterdam is still
    # Monday in UTC, but counts from Tuesday.
    late_monday = amsterdam(2024, 6, 3, 23, 30)
    early_tuesday = amsterdam(2024, 6, 4, 0, 30)
    assert nth_working_day_after(late_monday, 1) == date(2024, 6, 4)
    assert early_tuesday.astimezone(UTC).date() == date(2024, 6, 3)
    assert nth_working_day_after(early_tuesday.astimezone(UTC), 1) == date(2024, 6, 5)


def test_zero_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one working day"):
        add_working_days(date(2024, 1, 2), 0)


BETWEEN = [
    (date(2024, 3, 28), date(2024, 4, 8), 5, "Easter 2024"),
    (date(2024, 3, 28), date(2024, 3, 28), 0, "same day"),
    (date(2024, 3, 29), date(2024, 4, 1), 0, "Goede Vrijdag to Tweede Paasdag"),
    (date(2024, 4, 8), date(2024, 3, 28), -5, "backwards"),
]


@pytest.mark.parametrize(("start", "end", "count", "why"), BETWEEN, ids=[r[3] for r in BETWEEN])
def test_working_days_between(start: date, end: date, count: int, why: str) -> None:
    assert working_days_between(start, end) == count, why


@given(
    start=st.dates(min_value=date(2009, 1, 1), max_value=date(2060, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
def test_counting_and_adding_working_days_agree(start: date, n: int) -> None:
    last = nth_working_day_after(start, n)
    assert is_working_day(last)
    assert working_days_between(start, last) == n
    assert working_days_between(start, last - timedelta(days=1)) == n - 1
