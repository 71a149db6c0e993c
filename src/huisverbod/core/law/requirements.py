"""Procedural duties that come with an order, each citing its article.

They apply when the advice is to impose an order, or when the file records an imposed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from huisverbod.core.calendar.instants import isoformat
from huisverbod.core.casefile.model import CaseFile, Fact, Person
from huisverbod.core.instruments.base import CaseRoles
from huisverbod.core.law.findings import Finding, finding
from huisverbod.core.law.order import OrderDates
from huisverbod.core.law.parameters import LawParameters
from huisverbod.core.law.persons import describe, protected_residents


@dataclass(frozen=True)
class Requirement:
    id: str
    article: str
    finding: Finding
    due_by: datetime | None = None


def child_abuse_facts(
    subject: Person | None, facts: Sequence[Fact], roles: CaseRoles, params: LawParameters
) -> tuple[Fact, ...]:
    """Facts that make an order one "in verband met kindermishandeling" (art. 2 lid 3 Wth):
    by the person, of a child-abuse type, or violence against a minor (``[child_abuse]``)."""
    if subject is None:
        return ()
    rules = params.need(params.child_abuse, "child_abuse")
    violence = params.need(params.danger, "danger").violence_types
    return tuple(
        f
        for f in facts
        if subject.id in f.about
        and (
            f.type in rules.fact_types
            or (
                rules.violence_against_minor
                and f.type in violence
                and any(p in roles.minors for p in f.harmed)
            )
        )
    )


def requirements(
    casefile: CaseFile,
    subject: Person | None,
    facts: Sequence[Fact],
    roles: CaseRoles,
    params: LawParameters,
    dates: OrderDates | None,
) -> tuple[Requirement, ...]:
    """The duties of an order on ``subject`` (the caller decides that an order is at issue)."""
    duties = []
    abuse = child_abuse_facts(subject, facts, roles, params)
    if abuse:
        # art. 2 lid 3: the mayor consults Veilig Thuis on the intention, before imposing.
        duties.append(
            Requirement(
                "consult_veilig_thuis",
                "art. 2 lid 3 Wth",
                finding("requirement.consult_veilig_thuis", tuple(f.id for f in abuse)),
            )
        )
    protected = tuple(describe(p) for p in protected_residents(casefile, params))
    duties.append(
        Requirement(
            "mandatory_content",
            "art. 2 lid 4 Wth",
            finding(
                "requirement.mandatory_content", protected=protected, days=params.order.initial_duration_days
            ),
        )
    )
    duties.append(_reachability(params, dates))
    written = _written(casefile, params, dates)
    if written is not None:
        duties.append(written)
    if dates is not None and casefile.order is not None and casefile.order.extended_until is None:
        # art. 9 lid 1: an extension must be decided before the order ends; art. 3: not mandated [S].
        duties.append(
            Requirement(
                "extension_decision",
                "art. 9 lid 1 Wth; art. 3 Wth",
                finding("requirement.extension_decision", ends_at=isoformat(dates.ends_at)),
                due_by=dates.ends_at,
            )
        )
    duties.append(
        Requirement(
            "record_retention",
            "art. 10 Wth",
            finding("requirement.record_retention", years=params.retention.order_file_years),
        )
    )
    return tuple(duties)


def _hours_after(moment: datetime, hours: int) -> datetime:
    """Elapsed hours ("binnen 24 uur"): real time, so across a clock change the clock time moves."""
    return moment.astimezone(UTC) + timedelta(hours=hours)


def _reachability(params: LawParameters, dates: OrderDates | None) -> Requirement:
    """art. 2 lid 6: the person states where he can be reached, at the latest within 24 hours."""
    hours = params.order.reachability_hours
    due = _hours_after(dates.imposed_at, hours) if dates is not None else None
    return Requirement(
        "reachability_statement",
        "art. 2 lid 6 Wth",
        finding("requirement.reachability_statement", hours=hours),
        due,
    )


def _written(casefile: CaseFile, params: LawParameters, dates: OrderDates | None) -> Requirement | None:
    """art. 2 lid 7: after an oral order the written beschikking follows "zo spoedig mogelijk"."""
    hours = params.order.written_after_oral_hours
    article = "art. 2 lid 7 Wth"
    if casefile.order is None or dates is None:
        return Requirement(
            "written_beschikking", article, finding("requirement.written_if_oral", hours=hours)
        )
    if casefile.order.oral:
        due = _hours_after(dates.imposed_at, hours)
        return Requirement(
            "written_beschikking", article, finding("requirement.written_after_oral", hours=hours), due
        )
    return None
