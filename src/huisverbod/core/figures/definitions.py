"""What each figure counts: one case's records in, its contributions to the summary cells out.

A contribution is ``(month, key, bucket) -> count``. ``month`` is the first day of the month
(Europe/Amsterdam) of the date that places the record in a period; ``bucket`` is 0 for plain
counts and the histogram bucket for durations (keys starting with ``hist.``). The Django app
attributes every contribution of a case to the case's municipality and adds them up.

All dependencies of a figure lie within one case (an order and the measures on its case), so a
change to any record of a case is brought into the figures by recomputing that case alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from huisverbod.core.calendar.instants import AMSTERDAM

# The window in which a measure counts as taken "with" a decision: from the day of the incident
# (or of the decision, without an incident) to this many days after the decision, inclusive.
# Ten days: the order's initial duration (art. 2 lid 4 Wth), so an arrest or a criminal contact
# ban taken while the first term runs counts; a later prosecution does not.
MEASURE_WINDOW_DAYS = 10
# Durations from incident to decision are kept in quarter-hour buckets, capped at 30 days.
DURATION_BUCKET_MINUTES = 15
DURATION_CAP_BUCKET = 30 * 24 * 60 // DURATION_BUCKET_MINUTES

NOT_POSSIBLE_REASONS = ("ex_partner", "minor", "incidental_stay", "other")
INSTEAD_MEASURES = (
    "arrest",
    "criminal_contact_ban",
    "civil_contact_ban",
    "area_ban",
    "administrative_contact_ban",
    "report_to_veilig_thuis",
    "care_referral",
    "shelter",
    "child_protection",
)
PERSON_TYPES = ("perpetrator", "victim", "child", "other")


@dataclass(frozen=True)
class AssessmentRec:
    created_at: datetime
    joint: bool
    first: bool  # the case's first saved assessment (no ``supersedes``)


@dataclass(frozen=True)
class DecisionRec:
    outcome: str  # order / no_order / not_possible
    decided_at: datetime
    incident_at: datetime | None = None
    reasons: tuple[str, ...] = ()
    order_id: int | None = None


@dataclass(frozen=True)
class MeasureRec:
    measure: str
    track: str
    taken_on: date
    removed: bool = False


@dataclass(frozen=True)
class EventRec:
    action: str  # extend / withdraw / annul / ...
    at: datetime
    waiting_list: bool = False  # an extension the advice flagged as resting on a waiting list


@dataclass(frozen=True)
class EvaluationRec:
    role: str  # the involvement's role
    help_started_during_order: bool


@dataclass(frozen=True)
class OrderRec:
    id: int
    imposed_at: datetime | None
    route: str  # acute / planned / ""
    events: tuple[EventRec, ...] = ()
    appeals_lodged: tuple[datetime, ...] = ()
    violations: tuple[datetime, ...] = ()
    evaluations: tuple[EvaluationRec, ...] = ()


@dataclass(frozen=True)
class CaseRecords:
    assessments: Sequence[AssessmentRec] = ()
    decisions: Sequence[DecisionRec] = ()
    measures: Sequence[MeasureRec] = ()
    orders: Sequence[OrderRec] = ()
    joint_any: bool = field(default=False)  # Veilig Thuis took part in any assessment of the case


Key = tuple[date, str, int]


def month_of(moment: datetime | date) -> date:
    """The first day of the month, in Dutch time, of a moment (a date is taken as it is)."""
    day = moment.astimezone(AMSTERDAM).date() if isinstance(moment, datetime) else moment
    return day.replace(day=1)


def local_date(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


def window(decided_at: datetime, incident_at: datetime | None) -> tuple[date, date]:
    """The days in which a measure counts as taken with the decision (``MEASURE_WINDOW_DAYS``)."""
    start = local_date(incident_at or decided_at)
    end = local_date(decided_at) + timedelta(days=MEASURE_WINDOW_DAYS)
    return min(start, local_date(decided_at)), end


def measures_in(measures: Iterable[MeasureRec], span: tuple[date, date]) -> list[MeasureRec]:
    return [m for m in measures if not m.removed and span[0] <= m.taken_on <= span[1]]


def duration_bucket(start: datetime, end: datetime) -> int | None:
    """Quarter hours from start to end, rounded down; None when the end lies before the start."""
    minutes = (end - start).total_seconds() / 60
    if minutes < 0:
        return None
    return min(int(minutes // DURATION_BUCKET_MINUTES), DURATION_CAP_BUCKET)


def person_type(role: str) -> str:
    return role if role in PERSON_TYPES else "other"


def contributions(case: CaseRecords) -> Counter[Key]:
    """Every count one case adds to the summary cells (the definitions of docs/figures.md)."""
    out: Counter[Key] = Counter()

    # Assessments: the case's first saved assessment, in the month it was saved; joint when
    # Veilig Thuis took part in any assessment of the case.
    for a in case.assessments:
        if a.first:
            month = month_of(a.created_at)
            out[(month, "assessments", 0)] += 1
            out[(month, "assessments.joint" if case.joint_any else "assessments.police_only", 0)] += 1

    decision_of_order = {d.order_id: d for d in case.decisions if d.order_id is not None}

    # Decisions after the assessment, in the month decided; not possible with its reasons and
    # the measures taken in the window instead; the time from incident to decision.
    for d in case.decisions:
        month = month_of(d.decided_at)
        out[(month, f"decisions.{d.outcome}", 0)] += 1
        if d.outcome == "not_possible":
            for reason in sorted(set(d.reasons)):
                if reason in NOT_POSSIBLE_REASONS:
                    out[(month, f"not_possible.reason.{reason}", 0)] += 1
            taken = {m.measure for m in measures_in(case.measures, window(d.decided_at, d.incident_at))}
            for measure in sorted(taken):
                if measure in INSTEAD_MEASURES:
                    out[(month, f"not_possible.measure.{measure}", 0)] += 1
            if not taken:
                out[(month, "not_possible.measure.none", 0)] += 1
        if d.incident_at is not None:
            bucket = duration_bucket(d.incident_at, d.decided_at)
            if bucket is not None:
                out[(month, "hist.incident_to_decision", bucket)] += 1

    for order in case.orders:
        if order.imposed_at is None:
            continue  # prepared, never imposed: not an order in the figures
        month = month_of(order.imposed_at)
        out[(month, "orders", 0)] += 1
        out[
            (month, f"orders.route.{order.route if order.route in ('acute', 'planned') else 'unknown'}", 0)
        ] += 1
        decision = decision_of_order.get(order.id)
        span = (
            window(decision.decided_at, decision.incident_at)
            if decision is not None
            else window(order.imposed_at, None)
        )
        alongside = measures_in(case.measures, span)
        if any(m.measure == "arrest" for m in alongside):
            out[(month, "orders.criminal.arrest", 0)] += 1
        elif any(m.track == "criminal" for m in alongside):
            out[(month, "orders.criminal.other", 0)] += 1
        else:
            out[(month, "orders.criminal.none", 0)] += 1
        for event in order.events:
            event_month = month_of(event.at)
            if event.action == "extend":
                reason = "waiting_list" if event.waiting_list else "threat"
                out[(event_month, f"extensions.{reason}", 0)] += 1
            elif event.action == "withdraw":
                out[(event_month, "after.withdrawals", 0)] += 1
            elif event.action == "annul":
                out[(event_month, "after.annulments", 0)] += 1
        for lodged in order.appeals_lodged:
            out[(month_of(lodged), "after.appeals", 0)] += 1
        for occurred in order.violations:
            out[(month_of(occurred), "after.violations", 0)] += 1
        # Help started within the order, per person evaluated at the closing, in the month the
        # order was imposed.
        for ev in order.evaluations:
            started = "started" if ev.help_started_during_order else "not_started"
            out[(month, f"help.{person_type(ev.role)}.{started}", 0)] += 1
    return +out
