"""The scenario lab's core: a stored case re-run under another law parameter set, compared and
counted. Each expectation follows from what the sets change (docs/assessment.md, Parameter
sets), not from a recorded run."""

from __future__ import annotations

from pathlib import Path

import pytest

from huisverbod.core.casefile import parse_text
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.scenario import (
    ScenarioCase,
    compare_case,
    published,
    published_count,
    run_scenario,
    scenario_case,
    summarise,
)
from huisverbod.core.scenario.summary import CountTable
from tests.helpers import example_paths

CASES = Path(__file__).parent / "cases"
EXAMPLES = {path.stem.split("-", 2)[0] + "-" + path.stem.split("-", 2)[1]: path for path in example_paths()}
LAW, MOTION, CONTACT_BAN = "wth-2009", "wth-motie-2026", "wth-contactverbod-2025"


def _case(name: str, **kwargs) -> ScenarioCase:
    path = EXAMPLES.get(name) or CASES / f"{name}.json"
    parsed = parse_text(path.read_bytes())
    assert parsed.casefile is not None, parsed.problems
    return ScenarioCase(reference=name, casefile=parsed.casefile, **kwargs)


def _changes(difference) -> set[tuple[str, str, object, object]]:
    return {(c.subject, c.key, c.before, c.after) for c in difference.changes}


# (case, alternative set, advice before -> after, route before -> after, changes that must be
# there, changes that must not). Why each holds:
TABLE = [
    # The motion makes a red coercive-control or stalking signal suffice ("intieme terreur"):
    # cohabiting intimate terror without an incident becomes an order on the planned route, of at
    # most a year (art. 9 lid 1 as proposed); the civil ban gives way to the order itself.
    (
        "intimate-terror",
        MOTION,
        ("do_not_impose", "impose"),
        (None, "planned"),
        {
            ("advice", "advice", "do_not_impose", "impose"),
            ("criterion", "danger", False, True),
            ("measure", "huisverbod", False, True),
            ("max_duration_days", "max_duration_days", 28, 365),
        },
        {("criterion", "residence", True, False)},
    ),
    # Residence still fails (art. 2 lid 1): no order under either set, but a contact ban without
    # the residence condition is what the proposal set adds, and nothing else.
    (
        "ex-partner-living-elsewhere",
        CONTACT_BAN,
        ("not_possible", "not_possible"),
        (None, None),
        {("measure", "administrative_contact_ban", False, True)},
        {("advice", "advice", "not_possible", "impose")},
    ),
    # Someone who stays only incidentally: the same.
    (
        "stays-incidentally",
        CONTACT_BAN,
        ("not_possible", "not_possible"),
        (None, None),
        {("measure", "administrative_contact_ban", False, True)},
        set(),
    ),
    # A minor (art. 2 lid 2) cannot be ordered out under any set, and an administrative ban needs
    # an adult too.
    (
        "minor-perpetrator",
        MOTION,
        ("not_possible", "not_possible"),
        (None, None),
        set(),
        {("measure", "administrative_contact_ban", False, True)},
    ),
    # Seed case 1 is an order under the law in force; the motion only lengthens its maximum.
    (
        "seed-1",
        MOTION,
        ("impose", "impose"),
        ("acute", "acute"),
        {("max_duration_days", "max_duration_days", 28, 365)},
        {("advice", "advice", "impose", "impose")},
    ),
    # The contact-ban set changes nothing for a case where the order is possible.
    ("seed-2", CONTACT_BAN, ("impose", "impose"), ("acute", "acute"), set(), set()),
    # A single verbal argument is no danger under either set (no violence beyond words).
    ("single-verbal-argument", MOTION, ("do_not_impose", "do_not_impose"), (None, None), set(), set()),
]


@pytest.mark.parametrize(("name", "alternative", "advice", "route", "present", "absent"), TABLE)
def test_case_under_alternative(name, alternative, advice, route, present, absent):
    difference = compare_case(_case(name), parameter_set(alternative))
    assert (difference.baseline.advice, difference.alternative.advice) == advice
    assert (difference.baseline.route, difference.alternative.route) == route
    assert difference.baseline.parameter_set == LAW
    assert difference.alternative.parameter_set == alternative
    found = _changes(difference)
    assert present <= found, found
    assert not (absent & found), found
    assert difference.advice_changed == (advice[0] != advice[1])


@pytest.mark.parametrize("name", ["seed-1", "seed-2", "seed-3", "intimate-terror", "stays-incidentally"])
def test_same_set_changes_nothing(name):
    difference = compare_case(_case(name), parameter_set(LAW))
    assert difference.changes == ()
    assert not difference.drift


def test_every_change_cites_its_rule_and_gives_a_reason_in_both_languages():
    difference = compare_case(_case("intimate-terror"), parameter_set(MOTION))
    by_subject = {(c.subject, c.key): c for c in difference.changes}
    assert by_subject[("criterion", "danger")].article == "art. 2 lid 1 Wth"
    assert by_subject[("max_duration_days", "max_duration_days")].article == "art. 9 lid 1 Wth"
    assert by_subject[("measure", "huisverbod")].article == "art. 2 Wth"
    danger = by_subject[("criterion", "danger")].reason
    assert set(danger) == {"en", "nl"} and danger["en"] != danger["nl"]
    assert "(facts:" in danger["en"]


def test_latest_extension_end_of_a_recorded_order_follows_the_scenarios_maximum():
    """art. 9 lid 1: counted from the imposition, at the same Amsterdam clock time, across DST."""
    difference = compare_case(_case("order-oral-across-dst"), parameter_set(MOTION))
    change = next(c for c in difference.changes if c.subject == "latest_extension_end")
    assert change.before.endswith("23:40:00+01:00")
    assert change.after.endswith("23:40:00+02:00")  # 365 days later falls in summer time
    assert change.article == "art. 9 lid 1 Wth"


def test_an_explicit_baseline_replaces_the_assessed_set():
    difference = compare_case(_case("intimate-terror"), parameter_set(LAW), parameter_set(MOTION))
    assert (difference.baseline.advice, difference.alternative.advice) == ("impose", "do_not_impose")
    assert ("max_duration_days", "max_duration_days", 365, 28) not in _changes(difference)  # no order after


def test_overrides_are_part_of_the_inputs():
    """A professional's "no" on the coercive-control and stalking items takes intimate terror's
    reds away under the motion too: the scenario re-runs the case as it was assessed, overrides
    included."""
    plain = _case("intimate-terror")
    overridden = scenario_case(
        "intimate-terror",
        plain.casefile,
        [
            {"item": "jealousy_control", "answer": False, "reason": "Niet bevestigd", "facts": [], "by": "x"},
            {"item": "stalking_recent", "answer": False, "reason": "Niet bevestigd", "facts": []},
        ],
        parameter_set_id=LAW,
    )
    assert compare_case(plain, parameter_set(MOTION)).alternative.advice == "impose"
    assert compare_case(overridden, parameter_set(MOTION)).alternative.advice != "impose"


def test_sources_of_a_police_only_assessment_are_kept():
    """Seed case 1 assessed by the police alone is not an order under the law in force."""
    police_only = scenario_case("seed-1", _case("seed-1").casefile, sources=["police"], parameter_set_id=LAW)
    assert compare_case(police_only, parameter_set(LAW)).baseline.advice == "do_not_impose"


def test_drift_and_errors_are_reported_not_hidden():
    drifted = _case("seed-1", parameter_set=LAW, stored_advice="do_not_impose")
    broken = scenario_case(
        "broken",
        _case("seed-2").casefile,
        [{"item": "no_such_item", "answer": True, "reason": "x", "facts": ["f1"]}],
        parameter_set_id=LAW,
    )
    result = run_scenario([drifted, broken, _case("seed-2")], parameter_set(MOTION))
    assert [c.reference for c in result.cases] == ["seed-1", "seed-2"]
    assert result.cases[0].drift and not result.cases[1].drift
    assert [e.reference for e in result.errors] == ["broken"]
    assert "unknown item" in result.errors[0].error
    summary = summarise(result)
    assert (summary.cases, summary.drift, summary.errors) == (2, 1, 1)


def test_summary_counts_every_case_once_per_table():
    names = ["intimate-terror", "ex-partner-living-elsewhere", "seed-1", "seed-3", "single-verbal-argument"]
    result = run_scenario([_case(n) for n in names], parameter_set(MOTION))
    summary = summarise(result)
    advice = summary.table("advice")
    assert advice.total == len(names)
    assert advice.count("do_not_impose", "impose") == 1  # intimate terror
    assert advice.count("impose", "impose") == 2  # seeds 1 and 3
    assert advice.count("not_possible", "not_possible") == 1
    assert advice.count("do_not_impose", "do_not_impose") == 1
    assert summary.advice_changed == 1
    route = summary.table("route")
    assert route.count("no_order", "planned") == 1
    assert route.total == len(names)
    assert summary.table("measures").count("administrative_contact_ban", "newly_advised") == 1
    # Only intimate terror: the ex-partner's stalking and threat to kill were two reds already.
    assert summary.table("criteria").count("danger", "now_met") == 1
    assert summary.table("durations").count("28 → 365", "cases") == 3  # every order under the motion
    again = type(summary).from_dict(summary.to_dict())
    assert again == summary


# (counts, threshold, cells that must be hidden, cells that must show)
SUPPRESSION = [
    # One small cell on the diagonal: hidden, and with it enough to keep it from the margins.
    ({("a", "a"): 20, ("a", "b"): 3, ("b", "b"): 30}, 10, {("a", "b")}, set()),
    # Nothing small: everything shows.
    ({("a", "a"): 20, ("b", "b"): 30}, 10, set(), {("a", "a"), ("b", "b")}),
    # No threshold (the reader may see every case): everything shows, small or not.
    ({("a", "a"): 2, ("a", "b"): 3}, None, set(), {("a", "a"), ("a", "b")}),
]


@pytest.mark.parametrize(("counts", "threshold", "hidden", "shown"), SUPPRESSION)
def test_publication_suppresses_small_cells(counts, threshold, hidden, shown):
    table = published(CountTable("t", ("a", "b"), ("a", "b"), counts), threshold)
    for row, column in hidden:
        assert table.value(row, column) is None
    for row, column in shown:
        assert table.value(row, column) == counts[(row, column)]
    assert table.suppressed == bool(hidden)
    if hidden:
        # The hidden cell cannot be recomputed from its row total and the other shown cells.
        row = next(r for r in table.rows if r.key == next(iter(hidden))[0])
        assert sum(c.value is None for c in (*row.cells, row.total)) >= 2


def test_an_empty_table_publishes_as_empty():
    table = published(CountTable("durations", (), ("cases",), {}), 10)
    assert table.rows == () and table.total.value == 0


@pytest.mark.parametrize(
    ("value", "threshold", "shown"), [(0, 10, 0), (3, 10, None), (10, 10, 10), (3, None, 3)]
)
def test_a_single_count_is_hidden_when_small(value, threshold, shown):
    assert published_count(value, threshold) == shown
