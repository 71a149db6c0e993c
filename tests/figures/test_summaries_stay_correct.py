"""The summaries follow the records: a change to a record changes the figure after the commit,
touching only the cells concerned, and ends where a full rebuild ends."""

from __future__ import annotations

from datetime import date

import pytest

from huisverbod.cases.models import Case, Dwelling
from huisverbod.core.figures.arithmetic import last_month_start
from huisverbod.decisions.models import MeasureTaken
from huisverbod.figures.models import CaseContribution, SummaryCell
from huisverbod.figures.receivers import paused
from huisverbod.figures.services import compute_figures, refresh_all
from huisverbod.orders.models import Violation

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 12, 31)


def _snapshot():
    return sorted(
        SummaryCell.objects.values_list("level", "period", "region", "month", "key", "bucket", "count")
    )


def _value(table, row, column, level="national", period="month"):
    return compute_figures(period, level, START, END).tables[table].value(row, column)


def test_a_record_change_changes_the_figure_after_the_commit(
    world, builder, django_capture_on_commit_callbacks
):
    refresh_all()
    assert _value("criminal", "2025-02|0", "orders.criminal.arrest") == 0
    assert _value("criminal", "2025-02|0", "orders.criminal.none") == 1  # case 3
    with django_capture_on_commit_callbacks(execute=True):
        builder.measure(world[3], "arrest", "2025-02-16")
    assert _value("criminal", "2025-02|0", "orders.criminal.arrest") == 1
    assert _value("criminal", "2025-02|0", "orders.criminal.none") == 0

    with django_capture_on_commit_callbacks(execute=True):
        Violation.objects.filter(order__case=world[1]).delete()
    assert _value("after", "2025-01|0", "after.violations") == 0

    # A mistaken measure is withdrawn, not deleted: it no longer counts.
    with django_capture_on_commit_callbacks(execute=True):
        MeasureTaken.objects.filter(case=world[1], measure="arrest").update(removed_at="2025-02-01T00:00Z")
        MeasureTaken.objects.get(case=world[1], measure="arrest").save()  # the save is what marks the case
    assert _value("criminal", "2025-01|0", "orders.criminal.arrest") == 0
    assert _value("criminal", "2025-01|0", "orders.criminal.none") == 1

    # The case's place changes its region: the unknown region loses it, Utrecht gains it.
    before = compute_figures("year", "municipality", START, END).tables["assessments"]
    assert before.value("2025|0", "assessments.police_only") == 1
    with django_capture_on_commit_callbacks(execute=True):
        dwelling = Dwelling.objects.get(case=world[10])
        dwelling.city = "Utrecht"
        dwelling.save()
    after = compute_figures("year", "municipality", START, END)
    utrecht = next(r.key for r in after.rows if after.region_names[r.region] == "Gemeente Utrecht")
    assert after.tables["assessments"].value(utrecht, "assessments.police_only") == 3
    assert "2025|0" not in {r.key for r in after.rows}

    # Destroying a case takes its contribution back.
    with django_capture_on_commit_callbacks(execute=True):
        Case.objects.filter(pk=world[7].pk).delete()
    assert _value("decisions", "2025-03|0", "decisions.no_order") == 0
    assert not CaseContribution.objects.filter(case_id=world[7].pk).exists()

    # Wherever the incremental updates ended, a full rebuild ends in the same place.
    incremental = _snapshot()
    refresh_all()
    assert _snapshot() == incremental


def test_only_the_touched_cells_change(world, builder, django_capture_on_commit_callbacks):
    refresh_all()
    before = {c[:6]: c[6] for c in _snapshot()}
    with django_capture_on_commit_callbacks(execute=True):
        builder.measure(world[3], "arrest", "2025-02-16")
    after = {c[:6]: c[6] for c in _snapshot()}
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    # February, criminal: arrest +1 and none -1, at each of the four levels, in the month, its
    # quarter and its year (the stored periods).
    assert {(k[0], k[4]) for k in changed} == {
        (level, key)
        for level in ("municipality", "police_unit", "veilig_thuis_region", "national")
        for key in ("orders.criminal.arrest", "orders.criminal.none")
    }
    assert {(k[1], k[3]) for k in changed} == {
        ("month", date(2025, 2, 1)),
        ("quarter", date(2025, 1, 1)),
        ("year", date(2025, 1, 1)),
    }


def test_paused_receivers_leave_the_summaries_to_a_rebuild(
    world, builder, django_capture_on_commit_callbacks
):
    refresh_all()
    with paused(), django_capture_on_commit_callbacks(execute=True):
        builder.measure(world[3], "arrest", "2025-02-16")
    assert _value("criminal", "2025-02|0", "orders.criminal.arrest") == 0
    refresh_all()
    assert _value("criminal", "2025-02|0", "orders.criminal.arrest") == 1


@pytest.mark.parametrize("period", ["quarter", "year"])
@pytest.mark.parametrize("level", ["national", "municipality"])
def test_stored_quarters_and_years_equal_their_months_added_up(world, builder, period, level):
    """Whole periods are read from their stored cells; a range that cuts a period is added up
    from the months. Over the same months both give the same figures."""
    refresh_all()
    last = SummaryCell.objects.filter(period="month").order_by("-month").values_list("month", flat=True)[0]
    assert last < last_month_start(last, period)  # so ``end=last`` cuts its period: months added up
    stored = compute_figures(period, level)
    added_up = compute_figures(period, level, end=last)
    assert [r.key for r in stored.rows] == [r.key for r in added_up.rows]
    assert {t: stored.tables[t].counts for t in stored.tables} == {
        t: added_up.tables[t].counts for t in added_up.tables
    }
    assert stored.durations.histograms == added_up.durations.histograms
    assert any(stored.tables[t].counts for t in stored.tables)
