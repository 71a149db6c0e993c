"""The acute and the planned route to a huisverbod.

The Regioplan Handreiking (2015) distinguishes start routes with and without a current police
incident; the seed document (2022) asks for a planned huisverbod for structural violence, without
waiting for the next incident. An incident is current when a fact of an incident type by the
person is dated to the day and at most ``route.current_incident_days`` old, or is undated while
the case came in through an incident (police at the door, crisis service on the scene). A month
or a year describes a pattern, not the incident at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from huisverbod.core.casefile.model import Fact, Person, Trigger
from huisverbod.core.casefile.vocabulary import DatePrecision, TriggerKind
from huisverbod.core.law.findings import Finding, finding
from huisverbod.core.law.parameters import RouteParameters

INCIDENT_TRIGGERS = frozenset({TriggerKind.POLICE_INCIDENT, TriggerKind.CRISIS_SERVICE})


class Route(StrEnum):
    ACUTE = "acute"
    PLANNED = "planned"


def current_incident_facts(
    subject: Person | None, facts: Sequence[Fact], trigger: Trigger, day: date, params: RouteParameters
) -> tuple[Fact, ...]:
    if subject is None:
        return ()
    earliest = day - timedelta(days=params.current_incident_days)

    def current(fact: Fact) -> bool:
        if fact.date is None:
            return trigger.kind in INCIDENT_TRIGGERS
        return fact.date.precision == DatePrecision.DAY and earliest <= fact.date.start <= day

    return tuple(f for f in facts if f.type in params.incident_types and subject.id in f.about and current(f))


def choose_route(trigger: Trigger, current: Sequence[Fact], params: RouteParameters) -> tuple[Route, Finding]:
    if trigger.kind == TriggerKind.PLANNED:
        return Route.PLANNED, finding("route.planned_trigger")
    if current:
        return Route.ACUTE, finding(
            "route.acute", tuple(f.id for f in current), days=params.current_incident_days
        )
    return Route.PLANNED, finding("route.planned_no_current_incident", days=params.current_incident_days)
