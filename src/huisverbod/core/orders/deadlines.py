"""The statutory deadlines of a huisverbod, as value objects computed from the order's timeline.

Deadlines are rows, not timers in memory: ``deadlines_for`` is a pure function of the state, the
timeline and the law parameters. The Django layer stores its result keyed by ``kind`` and
recomputes it after every transition or new fact; the worker fires what is due.

Every ``due_at`` is an aware datetime in Europe/Amsterdam and means "from this instant on it is
late" (for ``ends_at``: from this instant on the order no longer applies). Three ways of counting,
each as the source counts (docs/deadlines.md):

- days and weeks after imposition: the same Amsterdam clock time that many calendar days later
  (``add_days_same_clock_time``), so 23:40 stays 23:40 across a clock change;
- hours: elapsed time (``add_elapsed_hours``), so 24 hours across a clock change show as 22:40
  or 00:40 on the clock;
- working days and whole days: to the end of the last day (``add_working_days``,
  ``end_of_day``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from huisverbod.core.calendar.holidays import ALGEMENE_TERMIJNENWET, HolidayCalendar
from huisverbod.core.calendar.instants import (
    add_days_same_clock_time,
    add_elapsed_hours,
    as_utc,
    end_of_day,
    local_date,
)
from huisverbod.core.calendar.workdays import add_working_days
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.vocabulary import ImpositionForm, OrderAction, OrderState

if TYPE_CHECKING:
    # Only a type here. Importing huisverbod.core.law.parameters first, before the case-file
    # package, fails on an import cycle law -> casefile -> law (docs/deadlines.md, open issues).
    from huisverbod.core.law.parameters import LawParameters


class DeadlineKind(StrEnum):
    """The kinds of deadline. A reminder's own kind id adds its day: ``extension_reminder_day_7``."""

    ENDS_AT = "ends_at"
    LATEST_EXTENSION_END = "latest_extension_end"
    EXTENSION_DECISION_DUE = "extension_decision_due"
    EXTENSION_REMINDER = "extension_reminder"
    REACHABILITY_STATEMENT_DUE = "reachability_statement_due"
    WRITTEN_BESCHIKKING_DUE = "written_beschikking_due"
    COURT_HEARING_EXPECTED = "court_hearing_expected"
    VEILIG_THUIS_SAFETY_ASSESSMENT_DUE = "veilig_thuis_safety_assessment_due"


LEGAL_BASIS: Mapping[DeadlineKind, str] = MappingProxyType(
    {
        DeadlineKind.ENDS_AT: "art. 2 lid 1 Wth",
        DeadlineKind.LATEST_EXTENSION_END: "art. 9 lid 1 Wth",
        DeadlineKind.EXTENSION_DECISION_DUE: "art. 9 lid 1 Wth",
        DeadlineKind.EXTENSION_REMINDER: "art. 9 lid 1 Wth (herinnering: projectnorm)",
        DeadlineKind.REACHABILITY_STATEMENT_DUE: "art. 2 lid 6 Wth",
        DeadlineKind.WRITTEN_BESCHIKKING_DUE: "art. 2 lid 7 Wth ('zo spoedig mogelijk'; uren: projectnorm)",
        DeadlineKind.COURT_HEARING_EXPECTED: "beroep en voorlopige voorziening, art. 6 Wth [U]",
        DeadlineKind.VEILIG_THUIS_SAFETY_ASSESSMENT_DUE: "art. 4.1.7 lid 1 Uitvoeringsbesluit Wmo 2015",
    }
)
EXTENDED_END_LEGAL_BASIS = "art. 9 lid 1 Wth"

# Which deadlines apply in which state. An ended order has no open order deadlines: what was
# still open is void. Veilig Thuis's veiligheidsbeoordeling is not in this table: its duty
# follows the report (art. 4.1.7 Uitvoeringsbesluit Wmo 2015), not the order, so it applies in
# every state once a report was received.
_WHILE_IN_FORCE = frozenset(
    {
        DeadlineKind.ENDS_AT,
        DeadlineKind.LATEST_EXTENSION_END,
        DeadlineKind.REACHABILITY_STATEMENT_DUE,
        DeadlineKind.COURT_HEARING_EXPECTED,
    }
)
_BEFORE_EXTENSION = _WHILE_IN_FORCE | {DeadlineKind.EXTENSION_DECISION_DUE, DeadlineKind.EXTENSION_REMINDER}
APPLIES_IN: Mapping[OrderState, frozenset[DeadlineKind]] = MappingProxyType(
    {
        OrderState.PREPARED: frozenset(),
        OrderState.IMPOSED_ORALLY: _BEFORE_EXTENSION | {DeadlineKind.WRITTEN_BESCHIKKING_DUE},
        OrderState.IMPOSED: _BEFORE_EXTENSION,
        OrderState.EXTENDED: _WHILE_IN_FORCE,
        OrderState.ENDED_EXPIRED: frozenset(),
        OrderState.ENDED_WITHDRAWN: frozenset(),
        OrderState.ENDED_ANNULLED: frozenset(),
    }
)
FOLLOWS_THE_REPORT = frozenset({DeadlineKind.VEILIG_THUIS_SAFETY_ASSESSMENT_DUE})

# The deadlines an action meets. Every other open deadline that stops applying is void.
FULFILLED_BY: Mapping[OrderAction, frozenset[DeadlineKind]] = MappingProxyType(
    {
        OrderAction.CONFIRM_IN_WRITING: frozenset({DeadlineKind.WRITTEN_BESCHIKKING_DUE}),
        OrderAction.EXTEND: frozenset({DeadlineKind.EXTENSION_DECISION_DUE, DeadlineKind.EXTENSION_REMINDER}),
        OrderAction.EXPIRE: frozenset({DeadlineKind.ENDS_AT}),
    }
)


@dataclass(frozen=True)
class Deadline:
    kind: str  # a DeadlineKind value, or extension_reminder_day_<n>
    due_at: datetime  # aware, Europe/Amsterdam; late from this instant on
    legal_basis: str
    description_key: str  # message id for the UI, e.g. "orders.deadline.ends_at"


@dataclass(frozen=True)
class Closed:
    """What a transition does to the deadlines that applied before it."""

    fulfilled: frozenset[DeadlineKind]
    void: frozenset[DeadlineKind]


def applicable_kinds(state: OrderState) -> frozenset[DeadlineKind]:
    """The deadlines that apply in ``state`` (plus the report's, once a report was received)."""
    return APPLIES_IN[state] | FOLLOWS_THE_REPORT


def closed_by(before: OrderState, action: OrderAction, after: OrderState) -> Closed:
    """Which open deadlines a transition meets and which it makes void."""
    stopped = applicable_kinds(before) - applicable_kinds(after)
    fulfilled = stopped & FULFILLED_BY.get(action, frozenset())
    return Closed(fulfilled=fulfilled, void=stopped - fulfilled)


def reminder_kind(day: int) -> str:
    return f"{DeadlineKind.EXTENSION_REMINDER}_day_{day}"


def initial_end(imposed_at: datetime, parameters: LawParameters) -> datetime:
    """Ten days after imposition at the same clock time (art. 2 lid 1 Wth)."""
    return add_days_same_clock_time(imposed_at, parameters.order.initial_duration_days)


def latest_extension_end(imposed_at: datetime, parameters: LawParameters) -> datetime:
    """Four weeks after imposition at the same clock time: the latest end (art. 9 lid 1 Wth)."""
    return add_days_same_clock_time(imposed_at, parameters.order.max_duration_days)


def current_end(timeline: OrderTimeline, parameters: LawParameters) -> datetime:
    """The end in force now: the extension's end once extended, else ten days after imposition."""
    if timeline.imposed_at is None:
        raise ValueError("an order that was not imposed has no end")
    if timeline.extended_until is not None:
        return timeline.extended_until
    return initial_end(timeline.imposed_at, parameters)


def deadlines_for(
    state: OrderState,
    timeline: OrderTimeline,
    parameters: LawParameters,
    *,
    reminder_days: Sequence[int] | None = None,
    court_hearing_in_working_days: bool = False,
    calendar: HolidayCalendar = ALGEMENE_TERMIJNENWET,
) -> tuple[Deadline, ...]:
    """Every deadline that applies to an order in ``state``, earliest first.

    ``reminder_days`` overrides ``parameters.order.extension_reminder_days`` (days after
    imposition; each must fall before the ten days end). ``court_hearing_in_working_days``
    counts ``court_hearing_days`` in working days instead of calendar days; the statutory
    wording is unconfirmed [U] (docs/deadlines.md).
    """
    kinds = applicable_kinds(state)
    found: list[Deadline] = []
    received = timeline.veilig_thuis_report_received_at
    if received is not None and DeadlineKind.VEILIG_THUIS_SAFETY_ASSESSMENT_DUE in kinds:
        days = parameters.veilig_thuis.safety_assessment_working_days
        found.append(
            _deadline(
                DeadlineKind.VEILIG_THUIS_SAFETY_ASSESSMENT_DUE, add_working_days(received, days, calendar)
            )
        )
    imposed_at = timeline.imposed_at
    if APPLIES_IN[state]:
        if imposed_at is None:
            raise ValueError(f"an order in state {state} needs the moment it was imposed")
        found.extend(_order_deadlines(kinds, state, timeline, imposed_at, parameters, reminder_days))
        lodged = timeline.appeal_lodged_at
        if lodged is not None and DeadlineKind.COURT_HEARING_EXPECTED in kinds:
            hearing = _court_hearing(
                lodged, parameters.order.court_hearing_days, court_hearing_in_working_days, calendar
            )
            found.append(_deadline(DeadlineKind.COURT_HEARING_EXPECTED, hearing))
    return tuple(sorted(found, key=lambda deadline: (as_utc(deadline.due_at), deadline.kind)))


def _order_deadlines(
    kinds: frozenset[DeadlineKind],
    state: OrderState,
    timeline: OrderTimeline,
    imposed_at: datetime,
    parameters: LawParameters,
    reminder_days: Sequence[int] | None,
) -> list[Deadline]:
    order = parameters.order
    end = current_end(timeline, parameters)
    found = [
        _deadline(DeadlineKind.LATEST_EXTENSION_END, latest_extension_end(imposed_at, parameters)),
        _deadline(
            DeadlineKind.REACHABILITY_STATEMENT_DUE, add_elapsed_hours(imposed_at, order.reachability_hours)
        ),
    ]
    if state is OrderState.EXTENDED:
        found.append(_deadline(DeadlineKind.ENDS_AT, end, legal_basis=EXTENDED_END_LEGAL_BASIS))
    else:
        found.append(_deadline(DeadlineKind.ENDS_AT, end))
    if DeadlineKind.EXTENSION_DECISION_DUE in kinds:
        found.append(_deadline(DeadlineKind.EXTENSION_DECISION_DUE, end))
    if DeadlineKind.EXTENSION_REMINDER in kinds:
        days = sorted(set(order.extension_reminder_days if reminder_days is None else reminder_days))
        for day in days:
            if not 0 < day < order.initial_duration_days:
                raise ValueError(
                    f"an extension reminder on day {day} does not fall within the "
                    f"{order.initial_duration_days} days of the order"
                )
            due = add_days_same_clock_time(imposed_at, day)
            found.append(_deadline(DeadlineKind.EXTENSION_REMINDER, due, kind=reminder_kind(day)))
    if DeadlineKind.WRITTEN_BESCHIKKING_DUE in kinds and timeline.imposition_form is ImpositionForm.ORAL:
        due = add_elapsed_hours(imposed_at, order.written_after_oral_hours)
        found.append(_deadline(DeadlineKind.WRITTEN_BESCHIKKING_DUE, due))
    return found


def _court_hearing(
    lodged_at: datetime, days: int, in_working_days: bool, calendar: HolidayCalendar
) -> datetime:
    """The end of the ``days``-th (working) day after the day the appeal was lodged."""
    if in_working_days:
        return add_working_days(lodged_at, days, calendar)
    return end_of_day(local_date(lodged_at) + timedelta(days=days))


def _deadline(
    family: DeadlineKind, due_at: datetime, *, kind: str | None = None, legal_basis: str | None = None
) -> Deadline:
    return Deadline(
        kind=kind or family.value,
        due_at=due_at,
        legal_basis=legal_basis or LEGAL_BASIS[family],
        description_key=f"orders.deadline.{family.value}",
    )
