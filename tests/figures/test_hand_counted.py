"""The figures against hand-counted fixtures (tests/figures/conftest.py ``world``).

Every expected number below is counted by hand from the ten cases; the comment next to it says
which cases make it. Runs on SQLite and on PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.core.disclosure import TOTAL
from huisverbod.figures.services import compute_figures, refresh_all

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 4, 30)


def _table(figures, table_id):
    """{row period (and region name): {column: raw count}} without the empty cells."""
    table = figures.tables[table_id]
    out = {}
    for row in figures.rows:
        label = row.period if figures.level == "national" else (row.period, figures.region_names[row.region])
        values = {c: table.value(row.key, c) for c in table.spec.columns if table.value(row.key, c)}
        if values:
            out[label] = values
    return out


def test_monthly_national_figures_match_the_hand_count(world):
    refresh_all()
    figures = compute_figures("month", "national", START, END)
    assert [r.period for r in figures.rows] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert _table(figures, "assessments") == {
        "2025-01": {"assessments.joint": 2, "assessments.police_only": 1},  # joint: 1, 2 (v2); police: 10
        "2025-02": {"assessments.police_only": 1},  # 3 (2's v2 is not a new assessment)
        "2025-03": {"assessments.joint": 2, "assessments.police_only": 3},  # joint: 4, 6; police: 5, 7, 8
        "2025-04": {"assessments.police_only": 1},  # 9 (00:30 Dutch time on 1 April)
    }
    assert _table(figures, "decisions") == {
        "2025-01": {"decisions.order": 1},  # 1
        "2025-02": {"decisions.order": 2},  # 2, 3
        "2025-03": {"decisions.order": 1, "decisions.not_possible": 2, "decisions.no_order": 1},  # 4; 5, 6; 7
    }
    assert _table(figures, "orders") == {
        "2025-01": {"orders.route.acute": 1},  # 1
        "2025-02": {"orders.route.acute": 2},  # 2, 3
        "2025-03": {"orders.route.planned": 1},  # 4 (9 was never imposed)
    }
    assert _table(figures, "criminal") == {
        "2025-01": {"orders.criminal.arrest": 1},  # 1: arrest on the day
        "2025-02": {"orders.criminal.other": 1, "orders.criminal.none": 1},  # 2: ban (arrest too late); 3
        "2025-03": {"orders.criminal.none": 1},  # 4: a care referral is not criminal
    }
    assert _table(figures, "extensions") == {
        "2025-01": {"extensions.waiting_list": 1},  # 1
        "2025-03": {"extensions.threat": 1},  # 4
    }
    assert _table(figures, "after") == {
        "2025-01": {"after.violations": 1},  # 1
        "2025-02": {"after.withdrawals": 1, "after.appeals": 1, "after.annulments": 1},  # 2; 3; 3
    }
    assert _table(figures, "not_possible_reasons") == {
        "2025-03": {
            "not_possible.reason.ex_partner": 1,  # 5
            "not_possible.reason.minor": 1,  # 6
            "not_possible.reason.other": 1,  # 6
        }
    }
    assert _table(figures, "not_possible_measures") == {
        # 5: the criminal ban on 11 March (the civil ban of 25 March is after the window); 6: none
        "2025-03": {"not_possible.measure.criminal_contact_ban": 1, "not_possible.measure.none": 1}
    }
    assert _table(figures, "help") == {
        # order 1 (imposed in January): perpetrator and child started, the victim not
        "2025-01": {"help.perpetrator.started": 1, "help.victim.not_started": 1, "help.child.started": 1}
    }
    # Shares from the same cells: January, 2 of 3 assessments joint; the arrest share 1 of 1.
    assessments, criminal = figures.tables["assessments"], figures.tables["criminal"]
    assert assessments.share("2025-01|0", assessments.spec.shares[0]) == 66.7
    assert criminal.share("2025-02|0", criminal.spec.shares[1]) == 50.0  # order 2 of orders 2, 3
    assert criminal.value("2025-03|0", TOTAL) == 1


def test_time_from_incident_to_decision_median_and_quartiles(world):
    refresh_all()
    march = compute_figures("month", "national", START, END).durations.durations("2025-03|0")
    # March: 6 → 0.5 h, 5 → 8 h, 7 → 12 h (4 has no incident): n 3; ranks 1, 2, 3.
    assert (march.n, march.q1_hours, march.median_hours, march.q3_hours) == (3, 0.5, 8.0, 12.0)
    year = compute_figures("year", "national", START, END).durations.durations("2025|0")
    # 2025: 0.5, 1 (3), 2 (1), 8, 12 (2), 12 (7): n 6; ranks ceil(1.5)=2, 3, ceil(4.5)=5.
    assert (year.n, year.q1_hours, year.median_hours, year.q3_hours) == (6, 1.0, 2.0, 12.0)


def test_regions_add_up_by_municipality_police_unit_and_veilig_thuis_region(world):
    refresh_all()
    municipal = compute_figures("year", "municipality", START, END)
    assert _table(municipal, "assessments") == {
        ("2025", "?"): {"assessments.police_only": 1},  # 10: no municipality known
        ("2025", "Gemeente Eindhoven"): {"assessments.joint": 3, "assessments.police_only": 2},  # 1 2 6; 7 8
        ("2025", "Gemeente Utrecht"): {"assessments.joint": 1, "assessments.police_only": 2},  # 4; 5 9
        ("2025", "Gemeente Veldhoven (test)"): {"assessments.police_only": 1},  # 3
    }
    units = compute_figures("year", "police_unit", START, END)
    assert _table(units, "orders") == {
        ("2025", "Politie eenheid Midden-Nederland"): {"orders.route.planned": 1},  # 4
        ("2025", "Politie eenheid Oost-Brabant"): {"orders.route.acute": 3},  # 1 2 (Eindhoven), 3 (Veldhoven)
    }
    regions = compute_figures("quarter", "veilig_thuis_region", START, END)
    assert _table(regions, "decisions") == {
        ("2025-Q1", "Veilig Thuis Utrecht"): {"decisions.order": 1, "decisions.not_possible": 1},  # 4; 5
        ("2025-Q1", "Veilig Thuis Zuidoost-Brabant"): {
            "decisions.order": 3,  # 1 2 3
            "decisions.not_possible": 1,  # 6
            "decisions.no_order": 1,  # 7
        },
    }
