"""When an imposed order ends (art. 2 lid 1 Wth) and how long an extension may run (art. 9 lid 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from huisverbod.core.calendar.instants import add_days_same_clock_time, to_amsterdam
from huisverbod.core.casefile.model import Order
from huisverbod.core.law.parameters import LawParameters, parameters_on


@dataclass(frozen=True)
class OrderDates:
    parameter_set: str
    imposed_at: datetime
    ends_at: datetime  # art. 2 lid 1: "voor de duur van tien dagen"
    latest_extension_end: datetime  # art. 9 lid 1: "tot ten hoogste vier weken nadat het is opgelegd"


def order_dates(order: Order, params: LawParameters | None = None) -> OrderDates:
    """The end dates at the same Europe/Amsterdam clock time as the imposition.

    The law counts from the imposition, so the set in force on the imposition date applies,
    unless a set is given (a scenario such as the one-year proposal).
    """
    imposed = order.imposed_at.value
    law = params if params is not None else parameters_on(to_amsterdam(imposed).date())
    return OrderDates(
        parameter_set=law.id,
        imposed_at=imposed,
        ends_at=add_days_same_clock_time(imposed, law.order.initial_duration_days),
        latest_extension_end=add_days_same_clock_time(imposed, law.order.max_duration_days),
    )
