"""The figures' core: definitions, arithmetic and tables, table-driven (no Django)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from huisverbod.core.calendar.instants import AMSTERDAM
from huisverbod.core.disclosure import TOTAL, Suppression
from huisverbod.core.figures.arithmetic import (
    last_month_start,
    months_between,
    percentile,
    period_of,
    period_start,
    share,
)
from huisverbod.core.figures.definitions import (
    AssessmentRec,
    CaseRecords,
    DecisionRec,
    EvaluationRec,
    EventRec,
    MeasureRec,
    OrderRec,
    contributions,
    duration_bucket,
    month_of,
    window,
)
from huisverbod.core.figures.tables import assemble, protect_set


def ams(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (0, 5, 0.0), (5, 5, 100.0), (1, 0, None), (None, 4, None), (3, None, None)],
)
def test_share(numerator, denominator, expected):
    assert share(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("histogram", "fraction", "expected"),
    [
        ({}, 0.5, None),
        ({4: 1}, 0.5, 4),
        ({1: 1, 2: 1}, 0.5, 1),  # rank ceil(1) = 1
        ({1: 1, 2: 1, 3: 1}, 0.5, 2),  # rank 2
        ({1: 1, 2: 1, 3: 1}, 0.25, 1),
        ({1: 1, 2: 1, 3: 1}, 0.75, 3),  # rank ceil(2.25) = 3
        ({0: 5, 10: 5}, 0.5, 0),  # rank 5 of 10
        ({0: 5, 10: 6}, 0.5, 10),  # rank 6 of 11
        ({7: 2, 3: 2}, 1.0, 7),  # unsorted input
    ],
)
def test_percentile_by_nearest_rank(histogram, fraction, expected):
    assert percentile(histogram, fraction) == expected


def test_percentile_refuses_a_fraction_outside_the_unit_interval():
    with pytest.raises(ValueError, match="fraction"):
        percentile({1: 1}, 0)


@pytest.mark.parametrize(
    ("month", "period", "expected"),
    [
        (date(2025, 1, 1), "month", "2025-01"),
        (date(2025, 3, 1), "quarter", "2025-Q1"),
        (date(2025, 4, 1), "quarter", "2025-Q2"),
        (date(2025, 12, 1), "quarter", "2025-Q4"),
        (date(2025, 12, 1), "year", "2025"),
    ],
)
def test_period_of(month, period, expected):
    assert period_of(month, period) == expected


def test_period_of_refuses_an_unknown_period():
    with pytest.raises(ValueError, match="period"):
        period_of(date(2025, 1, 1), "week")


@pytest.mark.parametrize(
    ("day", "period", "start", "last_month"),
    [
        (date(2025, 2, 16), "month", date(2025, 2, 1), date(2025, 2, 1)),
        (date(2025, 1, 1), "quarter", date(2025, 1, 1), date(2025, 3, 1)),
        (date(2025, 3, 31), "quarter", date(2025, 1, 1), date(2025, 3, 1)),
        (date(2025, 4, 1), "quarter", date(2025, 4, 1), date(2025, 6, 1)),
        (date(2024, 11, 30), "quarter", date(2024, 10, 1), date(2024, 12, 1)),
        (date(2025, 4, 1), "year", date(2025, 1, 1), date(2025, 12, 1)),
        (date(2024, 12, 31), "year", date(2024, 1, 1), date(2024, 12, 1)),
    ],
)
def test_the_stored_periods_start_and_last_month(day, period, start, last_month):
    assert period_start(day, period) == start
    assert last_month_start(day, period) == last_month


def test_months_between_crosses_the_year():
    assert months_between(date(2024, 11, 15), date(2025, 2, 1)) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 3, 31, 21, 30, tzinfo=UTC), date(2025, 3, 1)),  # 23:30 in Amsterdam
        (datetime(2025, 3, 31, 22, 30, tzinfo=UTC), date(2025, 4, 1)),  # 00:30 in Amsterdam
        (datetime(2024, 12, 31, 23, 30, tzinfo=UTC), date(2025, 1, 1)),
        (date(2025, 6, 30), date(2025, 6, 1)),
    ],
)
def test_month_in_dutch_time(moment, expected):
    assert month_of(moment) == expected


@pytest.mark.parametrize(
    ("decided", "incident", "expected"),
    [
        ("2025-02-02 10:00", "2025-02-01 22:00", (date(2025, 2, 1), date(2025, 2, 12))),
        ("2025-02-02 10:00", None, (date(2025, 2, 2), date(2025, 2, 12))),
        ("2025-02-02 00:30", "2025-02-01 23:59", (date(2025, 2, 1), date(2025, 2, 12))),
    ],
)
def test_the_measure_window(decided, incident, expected):
    assert window(ams(decided), ams(incident) if incident else None) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, 0), (14, 0), (15, 1), (120, 8), (-1, None), (60 * 24 * 45, 30 * 24 * 4)],
)
def test_duration_buckets_are_quarter_hours_capped_at_thirty_days(minutes, expected):
    start = ams("2025-01-01 00:00")
    assert duration_bucket(start, start + timedelta(minutes=minutes)) == expected


JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        pytest.param(
            CaseRecords(assessments=[AssessmentRec(ams("2025-01-05 10:00"), False, True)]),
            {(JAN, "assessments", 0): 1, (JAN, "assessments.police_only", 0): 1},
            id="police-only assessment",
        ),
        pytest.param(
            CaseRecords(
                assessments=[
                    AssessmentRec(ams("2025-01-31 10:00"), False, True),
                    AssessmentRec(ams("2025-02-01 10:00"), True, False),
                ],
                joint_any=True,
            ),
            {(JAN, "assessments", 0): 1, (JAN, "assessments.joint", 0): 1},
            id="a later joint version makes the case joint, in the first month",
        ),
        pytest.param(
            CaseRecords(
                decisions=[DecisionRec("order", ams("2025-01-10 22:00"), ams("2025-01-10 20:00"), (), 7)],
                measures=[MeasureRec("criminal_contact_ban", "criminal", date(2025, 1, 20))],
                orders=[OrderRec(7, ams("2025-01-10 22:00"), "acute")],
            ),
            {
                (JAN, "decisions.order", 0): 1,
                (JAN, "hist.incident_to_decision", 8): 1,
                (JAN, "orders", 0): 1,
                (JAN, "orders.route.acute", 0): 1,
                (JAN, "orders.criminal.other", 0): 1,  # the 20th is the window's last day
            },
            id="criminal ban on the window's last day",
        ),
        pytest.param(
            CaseRecords(
                measures=[
                    MeasureRec("arrest", "criminal", date(2025, 1, 10), removed=True),
                    MeasureRec("arrest", "criminal", date(2025, 1, 21)),
                ],
                orders=[OrderRec(7, ams("2025-01-10 22:00"), "")],
            ),
            {
                (JAN, "orders", 0): 1,
                (JAN, "orders.route.unknown", 0): 1,
                (JAN, "orders.criminal.none", 0): 1,  # withdrawn, and a day too late
            },
            id="no decision recorded: the window starts at the imposition",
        ),
        pytest.param(
            CaseRecords(orders=[OrderRec(7, None, "acute", (EventRec("extend", ams("2025-01-20 10:00")),))]),
            {},
            id="a prepared order counts nothing",
        ),
        pytest.param(
            CaseRecords(
                orders=[
                    OrderRec(
                        7,
                        ams("2025-01-30 22:00"),
                        "planned",
                        (
                            EventRec("extend", ams("2025-02-08 10:00"), waiting_list=True),
                            EventRec("withdraw", ams("2025-02-10 10:00")),
                            EventRec("confirm_in_writing", ams("2025-01-31 10:00")),
                        ),
                        (ams("2025-02-01 09:00"),),
                        (ams("2025-02-02 03:00"), ams("2025-02-03 03:00")),
                        (EvaluationRec("victim", True), EvaluationRec("housemate", False)),
                    )
                ]
            ),
            {
                (JAN, "orders", 0): 1,
                (JAN, "orders.route.planned", 0): 1,
                (JAN, "orders.criminal.none", 0): 1,
                (FEB, "extensions.waiting_list", 0): 1,
                (FEB, "after.withdrawals", 0): 1,
                (FEB, "after.appeals", 0): 1,
                (FEB, "after.violations", 0): 2,
                (JAN, "help.victim.started", 0): 1,
                (JAN, "help.other.not_started", 0): 1,
            },
            id="events in their own month, help in the order's",
        ),
        pytest.param(
            CaseRecords(
                decisions=[
                    DecisionRec(
                        "not_possible", ams("2025-02-01 09:00"), None, ("ex_partner", "minor", "ex_partner")
                    )
                ],
                measures=[
                    MeasureRec("shelter", "care", date(2025, 2, 1)),
                    MeasureRec("shelter", "care", date(2025, 2, 2)),
                    MeasureRec("arrest", "criminal", date(2025, 1, 31)),
                ],
            ),
            {
                (FEB, "decisions.not_possible", 0): 1,
                (FEB, "not_possible.reason.ex_partner", 0): 1,
                (FEB, "not_possible.reason.minor", 0): 1,
                (FEB, "not_possible.measure.shelter", 0): 1,  # once per decision; the arrest was before
            },
            id="not possible: reasons and measures once per decision",
        ),
    ],
)
def test_contributions(case, expected):
    assert dict(contributions(case)) == expected


def _cells(rows):
    """(period month, key, count) at the national level."""
    return [(0, month, key, 0, n) for month, key, n in rows]


def test_a_share_is_suppressed_with_its_numerator_or_denominator():
    cells = _cells(
        [
            (date(2025, 1, 1), "assessments.joint", 30),
            (date(2025, 1, 1), "assessments.police_only", 20),
            (date(2025, 2, 1), "assessments.joint", 3),
            (date(2025, 2, 1), "assessments.police_only", 40),
            (date(2025, 3, 1), "assessments.joint", 25),
            (date(2025, 3, 1), "assessments.police_only", 44),
        ]
    )
    figures = protect_set(assemble(cells, period="month", level="national", region_names={0: "NL"}), 10)
    table = figures.tables["assessments"]
    joint_share = table.spec.shares[0]
    assert table.suppressed("2025-02|0", "assessments.joint") == Suppression.PRIMARY
    assert table.share("2025-02|0", joint_share) is None
    # Secondary: another joint cell is hidden so that February's 3 cannot be recomputed from
    # the column total, and another cell in February's row so it cannot be from the row total.
    secondary = {k for k, c in table.protected.cells.items() if c.suppressed == Suppression.SECONDARY}
    assert any(col == "assessments.joint" for _, col in secondary)
    assert any(row == "2025-02|0" for row, _ in secondary)
    raw = {"2025-01|0": (30, 50), "2025-02|0": (3, 43), "2025-03|0": (25, 69)}
    for row, (joint, total) in raw.items():
        shown = table.value(row, "assessments.joint") is not None and table.value(row, TOTAL) is not None
        assert table.share(row, joint_share) == (share(joint, total) if shown else None)
    assert any(table.share(row, joint_share) is not None for row in raw)


def test_durations_are_hidden_when_there_are_too_few():
    cells = [(0, date(2025, 1, 1), "hist.incident_to_decision", b, 1) for b in range(9)]
    cells += [(0, date(2025, 2, 1), "hist.incident_to_decision", 4, 12)]
    figures = protect_set(assemble(cells, period="month", level="national", region_names={0: "NL"}), 10)
    assert figures.durations.n("2025-01|0") is None
    assert figures.durations.durations("2025-01|0").median_hours is None
    february = figures.durations.durations("2025-02|0")
    # February alone would show; the total (21) too, so January's 9 would follow: February is
    # hidden as well (secondary) and only the total remains.
    assert figures.durations.n("2025-02|0") is None and february.median_hours is None
    assert figures.durations.protected.shown(TOTAL, "count") == 21


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="level"):
        assemble([], period="month", level="province", region_names={})


def test_tables_with_the_same_totals_hide_them_alike():
    """Orders by route and orders by criminal track have the same row totals (all orders): a
    total hidden in one (secondary suppression differs per table) is hidden in the other."""
    import random

    rng = random.Random(7)
    months = [date(2025, m, 1) for m in range(1, 7)]
    secondary_totals = 0
    for _ in range(60):
        cells = []
        for month in months:
            total = rng.choice([0, 3, 12, 15, 25, 40])
            acute = rng.randint(0, total)
            arrest = rng.randint(0, total)
            other = rng.randint(0, total - arrest)
            cells += [
                (month, "orders.route.acute", acute),
                (month, "orders.route.planned", total - acute),
                (month, "orders.criminal.arrest", arrest),
                (month, "orders.criminal.other", other),
                (month, "orders.criminal.none", total - arrest - other),
            ]
        figures = protect_set(
            assemble(_cells(cells), period="month", level="national", region_names={0: "NL"}), 10
        )
        route, track = figures.tables["orders"], figures.tables["criminal"]
        for row in [*(r.key for r in figures.rows), TOTAL]:
            assert (route.value(row, TOTAL) is None) == (track.value(row, TOTAL) is None), row
            if route.value(row, TOTAL) is None and route.protected.cell(row, TOTAL).value >= 10:
                secondary_totals += 1
    assert secondary_totals > 0  # the case the rule is for did occur
