"""Shares, percentiles from stored histograms, and periods."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

PERIODS = ("month", "quarter", "year")


def share(numerator: int | None, denominator: int | None) -> float | None:
    """numerator / denominator as a percentage with one decimal; None when either is unknown
    (suppressed) or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round(100 * numerator / denominator, 1)


def percentile(histogram: Mapping[int, int], fraction: float) -> int | None:
    """Nearest rank: the bucket of the ceil(fraction * n)-th smallest observation (1-based); None
    without observations."""
    if not 0 < fraction <= 1:
        raise ValueError("fraction: must lie in (0, 1]")
    n = sum(histogram.values())
    if n == 0:
        return None
    rank = max(1, math.ceil(fraction * n))
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return bucket
    raise AssertionError("unreachable: the ranks add up to n")


def period_of(month: date, period: str) -> str:
    """The label of the period a month lies in: ``2025-03``, ``2025-Q1`` or ``2025``."""
    if period == "month":
        return f"{month.year}-{month.month:02d}"
    if period == "quarter":
        return f"{month.year}-Q{(month.month - 1) // 3 + 1}"
    if period == "year":
        return f"{month.year}"
    raise ValueError(f"period: one of {', '.join(PERIODS)}, not {period!r}")


def period_start(month: date, period: str) -> date:
    """The first day of the period a date lies in."""
    if period == "month":
        return month.replace(day=1)
    if period == "quarter":
        return date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    if period == "year":
        return date(month.year, 1, 1)
    raise ValueError(f"period: one of {', '.join(PERIODS)}, not {period!r}")


def last_month_start(day: date, period: str) -> date:
    """The first day of the last month of the period a date lies in."""
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 3, 1)
    if period == "year":
        return date(day.year, 12, 1)
    raise ValueError(f"period: one of {', '.join(PERIODS)}, not {period!r}")


def months_between(start: date, end: date) -> list[date]:
    """The first days of every month from start's month to end's month, inclusive."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months
