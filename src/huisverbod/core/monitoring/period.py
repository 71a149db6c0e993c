"""When monitoring ends: the order's end — its expiry, withdrawal or annulment — plus a
follow-up period (configurable, default 0 days), or at once when monitoring is closed."""

from __future__ import annotations

from datetime import datetime, timedelta


def monitoring_end(
    order_end: datetime | None, follow_up_days: int, closed_at: datetime | None = None
) -> datetime | None:
    """``order_end`` is the current end while the order is in force (it moves with an extension)
    and the moment it ended once it has. ``None`` while no end is known (not yet imposed)."""
    if follow_up_days < 0:
        raise ValueError("the follow-up period cannot be negative")
    end = order_end + timedelta(days=follow_up_days) if order_end is not None else None
    if closed_at is not None and (end is None or closed_at < end):
        return closed_at
    return end
