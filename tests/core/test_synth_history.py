"""The synthetic national history generator (plain Python): reproducible, volumes within tolerance
of the configured rates, regional differences present, every case valid."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from functools import cache

import pytest

from huisverbod.core.casefile.parse import parse_casefile
from huisverbod.core.orders.transitions import transition
from huisverbod.core.orders.vocabulary import OrderAction, OrderState
from huisverbod.core.synth.bsn import is_valid_bsn
from huisverbod.core.synth.history import (
    NATIONAL,
    HistoryCase,
    HistoryConfig,
    history_cases,
    history_registry,
    regional_model,
    year_volumes,
)
from huisverbod.core.synth.history_regions import national_data
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS

CONFIG = HistoryConfig(seed=11, start_year=2020, years=3, scale=0.5)


@cache
def _cases(config: HistoryConfig = CONFIG) -> tuple[HistoryCase, ...]:
    return tuple(history_cases(config))


def _orders(cases: tuple[HistoryCase, ...]) -> list[HistoryCase]:
    return [case for case in cases if case.order is not None]


def test_the_same_seed_gives_the_same_history_and_another_seed_another():
    small = HistoryConfig(seed=3, years=1, scale=0.02)
    first = [json.dumps(c.casefile(), sort_keys=True) for c in history_cases(small)]
    again = [json.dumps(c.casefile(), sort_keys=True) for c in history_cases(small)]
    other = [json.dumps(c.casefile(), sort_keys=True) for c in history_cases(replace(small, seed=4))]
    assert first == again
    assert first != other
    rows = [r.record_id for r in history_registry(small, POLICE)]
    assert rows == [r.record_id for r in history_registry(small, POLICE)]


def test_national_reference_data_has_every_unit_and_region_linked():
    data = national_data()
    assert len(data.police_units) == 10
    assert len(data.veilig_thuis_regions) == 25
    units = {u["code"] for u in data.police_units}
    regions = {r["code"]: r["police_unit"] for r in data.veilig_thuis_regions}
    assert set(regions.values()) == units
    served = {m.veilig_thuis_region for m in data.municipalities}
    assert served == set(regions), "every Veilig Thuis region has at least one municipality"
    for m in data.municipalities:
        assert regions[m.veilig_thuis_region] == m.police_unit, m.code
        assert m.inhabitants > 10_000 and m.places
    assert len({m.code for m in data.municipalities}) == len(data.municipalities)


@pytest.mark.parametrize(
    ("what", "expected", "tolerance"),
    [
        ("orders_per_year", NATIONAL.orders_per_year * CONFIG.scale, 0.06),
        ("arrest_share_of_orders", None, 0.04),
        ("extended_share", NATIONAL.extended, 0.05),
        ("withdrawn_share", NATIONAL.withdrawn, 0.025),
        ("not_possible_share", None, 0.025),
        ("joint_share", None, 0.05),
    ],
)
def test_volumes_and_shares_are_within_tolerance_of_the_rates(what, expected, tolerance):
    cases = _cases()
    orders = _orders(cases)
    years = CONFIG.years
    model = regional_model(CONFIG)
    measured = {
        "orders_per_year": len(orders) / years,
        "arrest_share_of_orders": sum(any(m == "arrest" for m, _ in c.measures) for c in orders)
        / len(orders),
        "extended_share": sum(c.order.extended_at is not None for c in orders) / len(orders),  # type: ignore[union-attr]
        "withdrawn_share": sum(c.order.state == "ended_withdrawn" for c in orders) / len(orders),  # type: ignore[union-attr]
        "not_possible_share": sum(c.outcome == "not_possible" for c in cases) / len(cases),
        "joint_share": sum(c.joint for c in cases) / len(cases),
    }[what]
    acute = dict(NATIONAL.acute_outcomes)
    if what == "arrest_share_of_orders":  # acute and planned orders have their own arrest rate
        expected = sum(
            NATIONAL.order_arrest if c.route == "acute" else NATIONAL.order_arrest_planned for c in orders
        ) / len(orders)
        assert expected > 0.8  # "in more than 80 % of huisverboden also an arrest" (seed document)
    if what == "not_possible_share":  # only on the acute route
        expected = acute["not_possible"] * sum(c.route == "acute" for c in cases) / len(cases)
    if what == "joint_share":  # the regions' shares weighted by their cases, plus planned (always joint)
        expected = sum(
            c.route == "planned" or model.joint_share[c.municipality.veilig_thuis_region] for c in cases
        ) / len(cases)
    relative = what == "orders_per_year"
    assert abs(measured - expected) <= (tolerance * expected if relative else tolerance), (measured, expected)


def test_registry_volumes_follow_the_configured_rates():
    config = HistoryConfig(seed=5, start_year=2021, years=2, scale=0.02)
    volumes = year_volumes(config)
    for registry, rate in (
        (POLICE, NATIONAL.police_incidents_per_year),
        (VEILIG_THUIS, NATIONAL.veilig_thuis_reports_per_year),
    ):
        rows = list(history_registry(config, registry))
        per_year = Counter((getattr(r, "incident_date", None) or r.melding_date).year for r in rows)  # type: ignore[attr-defined]
        assert per_year == {year: v[registry] for year, v in volumes.items()}
        assert abs(len(rows) / 2 - rate * 0.02) < rate * 0.02 * 0.1
        assert len({r.record_id for r in rows}) == len(rows)
        assert all(r.record_id.startswith("H") for r in rows)


def test_regional_differences_are_present_and_follow_the_model():
    cases = _cases()
    model = regional_model(CONFIG)
    data = national_data()
    # Joint-assessment shares differ by region, as drawn.
    assert max(model.joint_share.values()) - min(model.joint_share.values()) > 0.2
    by_region: dict[str, list[bool]] = {}
    for case in cases:
        by_region.setdefault(case.municipality.veilig_thuis_region, []).append(case.joint)
    shares = {r: sum(v) / len(v) for r, v in by_region.items() if len(v) >= 60}
    assert max(shares.values()) - min(shares.values()) > 0.15
    # Cases per 100,000 inhabitants differ between municipalities, beyond chance.
    per_municipality = Counter(case.municipality.code for case in cases)
    rates = {m.code: per_municipality[m.code] / m.inhabitants * 100_000 for m in data.municipalities}
    assert max(rates.values()) > 1.8 * min(rates.values())
    # and follow the model: Amsterdam's share of cases within 15 % of its expected share
    expected = model.expected_share("gemeente-amsterdam") * len(cases)
    assert abs(per_municipality["gemeente-amsterdam"] - expected) < 0.15 * expected
    # Planned orders are more common in the pilot units.
    planned = Counter(c.municipality.police_unit for c in cases if c.route == "planned")
    total = Counter(c.municipality.police_unit for c in cases)
    assert planned["politie-rotterdam"] / total["politie-rotterdam"] > 2 * (
        planned["politie-oost-nederland"] / total["politie-oost-nederland"]
    )


def test_every_generated_case_is_a_valid_case_file_with_a_coherent_decision():
    for case in _cases(HistoryConfig(seed=2, years=2, scale=0.1)):
        casefile = parse_casefile(case.casefile())  # raises on any invalid field
        perpetrator = next(p for p in case.persons if p.role == "perpetrator")
        age = (case.decided_at.date() - perpetrator.truth.birth_date).days / 365.25
        assert (age < 18) == ("minor" in case.not_possible_reasons), case.reference
        assert casefile.id == case.reference
        assert case.assessed_at <= case.decided_at
        if case.route == "planned":
            assert case.incident_at is None and case.joint
        else:
            assert case.incident_at is not None and case.incident_at <= case.assessed_at
        assert (case.outcome == "not_possible") == bool(case.not_possible_reasons)
        assert (case.outcome == "order") == (case.order is not None)
        if "ex_partner" in case.not_possible_reasons:
            assert perpetrator.residence in ("lives_elsewhere", "stays_incidentally")
            assert ("p1", "p2", "ex_partners") in case.relationships
        if "incidental_stay" in case.not_possible_reasons:
            assert perpetrator.residence == "stays_incidentally"
        for person in case.persons:
            assert is_valid_bsn(person.truth.bsn)


def test_every_order_lifecycle_is_an_allowed_sequence_of_transitions():
    for case in _orders(_cases()):
        order = case.order
        assert order is not None
        state = OrderState.PREPARED
        for event in order.events:
            assert event.from_state == state.value, case.reference
            step = transition(state, OrderAction(event.action))
            assert step is not None, (case.reference, state, event.action)
            assert step.target.value == event.to_state
            state = step.target
        assert state.value == order.state
        assert order.imposed_at <= order.ended_at <= order.latest_extension_end
        assert [e.at for e in order.events] == sorted(e.at for e in order.events)
        if order.form == "oral":
            assert order.written_at is not None and order.written_at > order.imposed_at
        assert all(d.status in ("met", "void") for d in order.deadlines)
        for at in order.violations:
            assert order.imposed_at < at <= order.ended_at + (order.ended_at - order.ended_at)


def test_extensions_carry_reasons_and_a_waiting_list_share():
    orders = [c.order for c in _orders(_cases()) if c.order is not None and c.order.extended_at is not None]
    waiting = [o for o in orders if o.extension_waiting_list]
    assert all(o.extension_reason for o in orders)
    share = len(waiting) / len(orders)
    assert abs(share - NATIONAL.extension_waiting_list) < 0.05
    # Help for the perpetrator never started within an order extended for a waiting list.
    for order in waiting:
        assert not any(
            item.started_during_order for item in order.care_plan if item.kind == "perpetrator_programme"
        )


@pytest.mark.parametrize(
    ("role", "kind"),
    [("perpetrator", "perpetrator_programme"), ("victim", "victim_support"), ("child", "youth_care")],
)
def test_help_started_within_the_order_per_person_type(role, kind):
    items = [i for c in _orders(_cases()) for i in c.order.care_plan if i.kind == kind]  # type: ignore[union-attr]
    share = sum(i.started_during_order for i in items) / len(items)
    expected = dict(NATIONAL.help_started)[role]
    if role == "perpetrator":  # none during an order extended for a waiting list
        expected *= 1 - NATIONAL.extended * NATIONAL.extension_waiting_list
    assert abs(share - expected) < 0.06, (role, share, expected)
    assert all((i.started_on is not None) or not i.started_during_order for i in items)


def test_not_possible_has_reasons_and_measures_instead():
    not_possible = [c for c in _cases() if c.outcome == "not_possible"]
    reasons = Counter(r for c in not_possible for r in c.not_possible_reasons)
    assert set(reasons) == {"ex_partner", "minor", "incidental_stay"}
    assert reasons.most_common(1)[0][0] == "ex_partner"
    with_measures = sum(bool(c.measures) for c in not_possible) / len(not_possible)
    assert with_measures > 0.8
    assert all(m != "huisverbod" for c in not_possible for m, _ in c.measures)


def test_time_from_incident_to_decision_is_hours_on_the_acute_route():
    hours = sorted(
        (c.decided_at - c.incident_at).total_seconds() / 3600 for c in _cases() if c.incident_at is not None
    )
    median = hours[len(hours) // 2]
    assert abs(median - NATIONAL.decision_median_hours) < 0.5
    assert hours[0] > 0


def test_a_history_can_stop_before_the_end_of_its_last_year():
    from datetime import date

    config = HistoryConfig(seed=4, start_year=2024, years=2, scale=0.05, until=date(2025, 7, 1))
    volumes = year_volumes(config)
    assert volumes[2025]["assessments"] < 0.6 * volumes[2024]["assessments"]
    cases = list(history_cases(config))
    assert max(c.decided_at.date() for c in cases) <= date(2025, 7, 1)
    assert max(c.assessed_at.date() for c in cases) < date(2025, 7, 1)
    records = list(history_registry(config, POLICE))
    assert max(r.incident_date for r in records) < date(2025, 7, 1)  # type: ignore[attr-defined]
