"""Instants in Europe/Amsterdam.

The Wth counts in days and weeks from the moment an order is imposed ("tien dagen", art. 2 lid 1;
"vier weken nadat het is opgelegd", art. 9 lid 1). This project reads that as: the same clock
time in Amsterdam, the given number of calendar days later, so an order imposed at 23:40 ends at
23:40 even when daylight saving time changed in between (the instant is then 23 or 25 hours
further than a plain multiple of 24 hours). See docs/adr/0004-deadlines-same-clock-time.md.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def to_amsterdam(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an instant needs a timezone offset")
    return moment.astimezone(AMSTERDAM)


def add_days_same_clock_time(moment: datetime, days: int) -> datetime:
    """``days`` calendar days after ``moment``, at the same Amsterdam clock time.

    A clock time that does not exist on the target day (the spring change, 02:00-03:00) moves
    forward by the gap; a clock time that happens twice (the autumn change) takes the first,
    summer-time occurrence, which is the earlier instant.
    """
    local = to_amsterdam(moment)
    naive_target = local.replace(tzinfo=None) + timedelta(days=days)
    candidate = naive_target.replace(tzinfo=AMSTERDAM, fold=0)
    # Round-trip through UTC: a non-existent wall time comes back shifted by the gap. (Going
    # straight to AMSTERDAM would be a no-op: astimezone returns self for the same tzinfo.)
    normalised = candidate.astimezone(UTC).astimezone(AMSTERDAM)
    if normalised.replace(tzinfo=None) != naive_target:
        # In the gap: zoneinfo interpreted it with the pre-transition offset; keep the instant
        # and express it in the new offset (e.g. 02:30 CET -> 03:30 CEST).
        return normalised
    return candidate


def as_utc(moment: datetime) -> datetime:
    """The instant in UTC, for comparing and ordering instants.

    Python compares two datetimes that share a tzinfo by their wall-clock fields alone, ignoring
    ``fold``: in the autumn hour that happens twice, 02:15 (second time) would sort before 02:30
    (first time). Compare ``as_utc(a) < as_utc(b)`` wherever both may be Amsterdam times.
    """
    if moment.tzinfo is None:
        raise ValueError("an instant needs a timezone offset")
    return moment.astimezone(UTC)


def isoformat(moment: datetime) -> str:
    """ISO 8601 in Amsterdam time with offset, to the second: ``2021-11-16T23:40:00+01:00``."""
    return to_amsterdam(moment).isoformat(timespec="seconds")


def start_of_day(day: date) -> datetime:
    """00:00 Amsterdam time on ``day`` (always exists: the clock changes at 02:00 and 03:00)."""
    return datetime.combine(day, time(0, 0), tzinfo=AMSTERDAM)


def end_of_day(day: date) -> datetime:
    """The end of ``day`` in Amsterdam: the first instant of the next day (00:00).

    Deadlines counted in whole days run to the end of their last day. The end is the next
    midnight rather than 23:59:59, so "late" is simply ``moment >= end_of_day(day)`` with no
    second or microsecond lost, and the day is 23, 24 or 25 hours long as the clock says.
    """
    return start_of_day(day + timedelta(days=1))


def local_date(moment: date | datetime) -> date:
    """The Amsterdam calendar day of an instant; a plain date is returned as it is."""
    if isinstance(moment, datetime):
        return to_amsterdam(moment).date()
    return moment


def add_elapsed_hours(moment: datetime, hours: int) -> datetime:
    """``hours`` of elapsed time after ``moment``, in Amsterdam time.

    Terms in hours ("binnen 24 uur", art. 2 lid 6 Wth) count real time: across a clock change the
    Amsterdam clock time of the result is one hour off the start's. (Adding a timedelta to an
    aware datetime directly would add wall-clock time instead, so this goes through UTC.)
    """
    return (to_amsterdam(moment).astimezone(UTC) + timedelta(hours=hours)).astimezone(AMSTERDAM)
