"""Procedural duties of an order (art. 2 lid 3, 4, 6, 7; art. 9; art. 10 Wth) and its end dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from huisverbod.core.calendar.instants import isoformat
from huisverbod.core.casefile import Fact, FactDate, Instant, Order, parse_text
from huisverbod.core.casefile.vocabulary import OrderImposedBy, OrganisationKind, Origin
from huisverbod.core.law.order import order_dates
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.law.persons import case_roles
from huisverbod.core.law.requirements import child_abuse_facts, requirements

LAW = parameter_set("wth-2009")
MOTION = parameter_set("wth-motie-2026")
DAY = date(2024, 3, 9)


CASES = Path(__file__).parent / "cases"
# Father p1, mother p2 (Carla Proefsma), daughter p3 (Lotte Testman, 8), all living there.
FAMILY = parse_text((CASES / "children-witness-violence.json").read_text(encoding="utf-8")).casefile


def household(*facts: tuple[str, str, str]):
    """The family with only the given facts, as (id, type, against), all by the father today."""
    today = FactDate.from_parts("2024-03-09", 2024, 3, 9)
    return FAMILY.with_facts(
        tuple(
            Fact(fid, ftype, ("p1",), OrganisationKind.POLICE, Origin.OBSERVATION, fid, today, (against,))
            for fid, ftype, against in facts
        )
    )


@pytest.mark.parametrize(
    ("facts", "consult"),
    [
        pytest.param([("f1", "child_hit", "p3")], ["f1"], id="art. 2 lid 3: a child hit is child abuse"),
        pytest.param(
            [("f1", "violence_in_presence_of_children", "p3")],
            ["f1"],
            id="art. 2 lid 3: witnessing domestic violence is child abuse",
        ),
        pytest.param(
            [("f1", "physical_violence", "p3")],
            ["f1"],
            id="art. 2 lid 3: violence against a minor is child abuse",
        ),
        pytest.param(
            [("f1", "physical_violence", "p2")],
            [],
            id="art. 2 lid 3: violence between adults only needs no consultation",
        ),
    ],
)
def test_consult_veilig_thuis_when_the_order_is_because_of_child_abuse(facts, consult):
    case = household(*facts)
    subject = case.person("p1")
    roles = case_roles(case, subject, DAY, LAW)
    assert [f.id for f in child_abuse_facts(subject, case.facts, roles, LAW)] == consult
    duties = {r.id: r for r in requirements(case, subject, case.facts, roles, LAW, None)}
    assert ("consult_veilig_thuis" in duties) == bool(consult)
    if consult:
        assert duties["consult_veilig_thuis"].article == "art. 2 lid 3 Wth"
        assert list(duties["consult_veilig_thuis"].finding.facts) == consult


def _order(imposed_at: str, oral: bool | None = True, extended_until: str | None = None) -> Order:
    def instant(text: str) -> Instant:
        return Instant(text, datetime.fromisoformat(text))

    return Order(
        imposed_at=instant(imposed_at),
        imposed_by=OrderImposedBy.ASSISTANT_PUBLIC_PROSECUTOR,
        oral=oral,
        extended_until=instant(extended_until) if extended_until else None,
    )


@pytest.mark.parametrize(
    ("imposed_at", "params", "ends_at", "latest"),
    [
        pytest.param(
            "2021-11-06T23:40:00+01:00",
            None,
            "2021-11-16T23:40:00+01:00",
            "2021-12-04T23:40:00+01:00",
            id="art. 2 lid 1 ten days, art. 9 lid 1 four weeks, same clock time",
        ),
        pytest.param(
            "2021-10-24T23:40:00+02:00",
            None,
            "2021-11-03T23:40:00+01:00",
            "2021-11-21T23:40:00+01:00",
            id="art. 2 lid 1: the end of summer time keeps the clock time 23:40",
        ),
        pytest.param(
            "2024-03-25T08:00:00+01:00",
            None,
            "2024-04-04T08:00:00+02:00",
            "2024-04-22T08:00:00+02:00",
            id="art. 2 lid 1: the start of summer time keeps the clock time 08:00",
        ),
        pytest.param(
            "2021-11-06T23:40:00+01:00",
            MOTION,
            "2021-11-16T23:40:00+01:00",
            "2022-11-06T23:40:00+01:00",
            id="motion 2026: an extension up to one year, from the same set without code changes",
        ),
    ],
)
def test_order_dates(imposed_at, params, ends_at, latest):
    dates = order_dates(_order(imposed_at), params)
    assert (isoformat(dates.ends_at), isoformat(dates.latest_extension_end)) == (ends_at, latest)


def test_order_dates_use_the_set_in_force_on_the_imposition_date():
    assert order_dates(_order("2021-11-06T23:40:00+01:00")).parameter_set == "wth-2009"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        pytest.param(
            None,
            {"mandatory_content", "reachability_statement", "written_beschikking", "record_retention"},
            id="art. 2 lid 4, 6, 7 and art. 10: duties of an order to impose",
        ),
        pytest.param(
            _order("2024-03-09T11:00:00+01:00", oral=True),
            {
                "mandatory_content",
                "reachability_statement",
                "written_beschikking",
                "extension_decision",
                "record_retention",
            },
            id="art. 2 lid 7 after an oral order; art. 9 lid 1 extension to decide",
        ),
        pytest.param(
            _order("2024-03-09T11:00:00+01:00", oral=False),
            {"mandatory_content", "reachability_statement", "extension_decision", "record_retention"},
            id="art. 2 lid 7: a written order needs no later beschikking",
        ),
        pytest.param(
            _order("2024-03-09T11:00:00+01:00", oral=False, extended_until="2024-03-30T11:00:00+01:00"),
            {"mandatory_content", "reachability_statement", "record_retention"},
            id="art. 9 lid 1: an extended order has had its extension decision",
        ),
    ],
)
def test_duties_of_an_order(order, expected):
    case = household(("f1", "physical_violence", "p2"))
    if order is not None:
        case = replace(case, order=order)
    dates = order_dates(order) if order is not None else None
    subject = case.person("p1")
    duties = requirements(case, subject, case.facts, case_roles(case, subject, DAY, LAW), LAW, dates)
    assert {d.id for d in duties} == expected
    by_id = {d.id: d for d in duties}
    if order is not None:
        # art. 2 lid 6: reachability within 24 hours of the imposition
        assert isoformat(by_id["reachability_statement"].due_by) == "2024-03-10T11:00:00+01:00"  # type: ignore[arg-type]
    if order is not None and order.oral:
        assert isoformat(by_id["written_beschikking"].due_by) == "2024-03-10T11:00:00+01:00"  # type: ignore[arg-type]
    names = by_id["mandatory_content"].finding.params["protected"]
    assert names == ("Carla Proefsma (p2)", "Lotte Testman (p3)"), (
        "art. 2 lid 4 sub c: the names of the persons under the contact ban"
    )


def test_amsterdam_clock_time_is_kept_for_an_instant_given_in_utc():
    dates = order_dates(_order("2021-11-06T22:40:00+00:00"))
    assert dates.ends_at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M") == "23:40"


def test_hours_are_elapsed_time_across_the_clock_change():
    """art. 2 lid 6 Wth "binnen 24 uur": 24 real hours, so 23:40 summer time ends at 22:40 winter time."""
    order = _order("2021-10-30T23:40:00+02:00")
    case = replace(household(("f1", "physical_violence", "p2")), order=order)
    subject = case.person("p1")
    roles = case_roles(case, subject, DAY, LAW)
    duties = {d.id: d for d in requirements(case, subject, case.facts, roles, LAW, order_dates(order))}
    assert isoformat(duties["reachability_statement"].due_by) == "2021-10-31T22:40:00+01:00"  # type: ignore[arg-type]
