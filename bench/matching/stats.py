"""Small statistics helpers for the benchmark."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def percentiles(values: Sequence[float], points: Iterable[int] = (50, 95, 99)) -> dict[str, float]:
    """Nearest-rank percentiles, in the unit of the values, rounded to 3 decimals."""
    ordered = sorted(values)
    if not ordered:
        return {f"p{point}": math.nan for point in points}
    result = {}
    for point in points:
        rank = max(1, math.ceil(point / 100 * len(ordered)))
        result[f"p{point}"] = round(ordered[rank - 1], 3)
    return result
