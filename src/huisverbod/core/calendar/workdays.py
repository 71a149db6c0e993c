"""Working days ("werkdagen") and deadlines counted in them.

A working day is a day that is not a Saturday, a Sunday or an algemeen erkende feestdag: the
words of art. 1 lid 1 Algemene termijnenwet ("een dag die niet een zaterdag, zondag of algemeen
erkende feestdag is"), with the holidays of art. 3 Atw (``holidays.py``).

Counting rule (used for Veilig Thuis's veiligheidsbeoordeling, "binnen vijf werkdagen na
ontvangst van de melding", art. 4.1.7 lid 1 Uitvoeringsbesluit Wmo 2015):

- the day of the event itself does not count; counting starts the next day, as Dutch law counts
  terms (compare art. 6:8 Awb: a term starts the day after);
- the n-th working day after that day is the last day;
- the deadline is the end of that last day in Amsterdam, given as the first instant of the next
  calendar day (``instants.end_of_day``): an act is late when it happens at or after it.

So a report received on Thursday 28 March 2024 at 16:00, with Goede Vrijdag (29 March) and
Tweede Paasdag (1 April) in between, has 2, 3, 4, 5 and 8 April as its five working days: the
assessment is due by the end of Monday 8 April 2024 (``2024-04-09T00:00:00+02:00``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from huisverbod.core.calendar.holidays import ALGEMENE_TERMIJNENWET, HolidayCalendar
from huisverbod.core.calendar.instants import end_of_day, local_date

SATURDAY = 5  # date.weekday()


def is_working_day(day: date, calendar: HolidayCalendar = ALGEMENE_TERMIJNENWET) -> bool:
    """Not a Saturday, a Sunday or a holiday of ``calendar`` (art. 1 lid 1, art. 3 Atw)."""
    return day.weekday() < SATURDAY and not calendar.is_holiday(day)


def nth_working_day_after(
    moment: date | datetime, n: int, calendar: HolidayCalendar = ALGEMENE_TERMIJNENWET
) -> date:
    """The n-th working day after the Amsterdam day of ``moment`` (that day itself not counted)."""
    if n < 1:
        raise ValueError(f"count at least one working day, not {n}")
    day = local_date(moment)
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            remaining -= 1
    return day


def add_working_days(
    moment: date | datetime, n: int, calendar: HolidayCalendar = ALGEMENE_TERMIJNENWET
) -> datetime:
    """The end of the n-th working day after the day of ``moment``, as an Amsterdam instant.

    The result is midnight at the start of the following calendar day: the first moment at which
    the act is late. A datetime ``moment`` counts by its Amsterdam calendar day, whatever its
    clock time; a report at 23:59 on a Monday counts from Tuesday like one at 08:00.
    """
    return end_of_day(nth_working_day_after(moment, n, calendar))


def working_days_between(
    start: date | datetime, end: date | datetime, calendar: HolidayCalendar = ALGEMENE_TERMIJNENWET
) -> int:
    """The working days after the day of ``start`` up to and including the day of ``end``.

    The same count as ``add_working_days``: for every ``n >= 1``,
    ``working_days_between(d, nth_working_day_after(d, n)) == n``. Negative when ``end`` lies
    before ``start``; zero on the same day.
    """
    first, last = local_date(start), local_date(end)
    if last < first:
        return -working_days_between(last, first, calendar)
    return sum(
        1
        for offset in range(1, (last - first).days + 1)
        if is_working_day(first + timedelta(days=offset), calendar)
    )
