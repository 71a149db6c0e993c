"""Acute or planned route (Regioplan Handreiking 2015 start routes; seed document 2022)."""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.core.advice.route import Route, choose_route, current_incident_facts
from huisverbod.core.casefile import Fact, FactDate, Person, Trigger
from huisverbod.core.casefile.vocabulary import OrganisationKind, Origin, Residence, Role, TriggerKind
from huisverbod.core.law.parameters import parameter_set

ROUTE = parameter_set("wth-2009").need(parameter_set("wth-2009").route, "route")
DAY = date(2024, 3, 9)
HIM = Person("p1", "A", "B", date(1980, 1, 1), Role.PERPETRATOR, Residence.LIVES_THERE)


def violence(text: str | None, ftype: str = "physical_violence") -> Fact:
    dated = None
    if text is not None:
        parts = [int(p) for p in text.split("-")]
        dated = FactDate.from_parts(text, parts[0], *[*parts[1:], None, None][:2])
    return Fact("f1", ftype, ("p1",), OrganisationKind.POLICE, Origin.OBSERVATION, "t", date=dated)


@pytest.mark.parametrize(
    ("trigger", "fact", "route", "code"),
    [
        pytest.param(
            TriggerKind.POLICE_INCIDENT,
            violence("2024-03-09"),
            Route.ACUTE,
            "route.acute",
            id="police at the door, violence today: acute",
        ),
        pytest.param(
            TriggerKind.CRISIS_SERVICE,
            violence(None),
            Route.ACUTE,
            "route.acute",
            id="crisis service on the scene, undated violence is the incident at hand: acute",
        ),
        pytest.param(
            TriggerKind.VEILIG_THUIS_REPORT,
            violence("2024-03-07"),
            Route.ACUTE,
            "route.acute",
            id="a report of violence two days ago: acute",
        ),
        pytest.param(
            TriggerKind.VEILIG_THUIS_REPORT,
            violence(None),
            Route.PLANNED,
            "route.planned_no_current_incident",
            id="a report without a dated incident: planned",
        ),
        pytest.param(
            TriggerKind.POLICE_INCIDENT,
            violence("2024-03-01"),
            Route.PLANNED,
            "route.planned_no_current_incident",
            id="an eight-day-old incident is not current: planned",
        ),
        pytest.param(
            TriggerKind.VEILIG_THUIS_REPORT,
            violence("2024-03", "coercion_extortion"),
            Route.PLANNED,
            "route.planned_no_current_incident",
            id="daily coercion this month is a pattern: planned",
        ),
        pytest.param(
            TriggerKind.PLANNED,
            violence("2024-03-09"),
            Route.PLANNED,
            "route.planned_trigger",
            id="a planned assessment stays planned",
        ),
        pytest.param(
            TriggerKind.POLICE_INCIDENT,
            violence("2024-03-09", "victim_fear"),
            Route.PLANNED,
            "route.planned_no_current_incident",
            id="fear is not an incident",
        ),
    ],
)
def test_route(trigger, fact, route, code):
    current = current_incident_facts(HIM, [fact], Trigger(trigger), DAY, ROUTE)
    chosen, found = choose_route(Trigger(trigger), current, ROUTE)
    assert (chosen, found.code) == (route, code)
    if chosen is Route.ACUTE:
        assert found.facts == ("f1",)
