"""Loading the synthetic national history into the database (SQLite and PostgreSQL): row counts,
referential integrity, historical times, idempotence, one processing-log entry, the national
organisations beside the demo's, the demo's share and need-to-know."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count

from huisverbod.access.services import visible_cases
from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.assessments.models import Assessment
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.cases.casefiles import export_case
from huisverbod.cases.models import Case, Involvement
from huisverbod.core.synth.history import HistoryConfig, history_cases, year_volumes
from huisverbod.core.synth.history_regions import national_data
from huisverbod.decisions.models import Decision, MeasureTaken
from huisverbod.history.loader import load_history
from huisverbod.history.organisations import load_national_organisations
from huisverbod.monitoring.models import CarePlanItem, ExtensionAdvice, PersonEvaluation
from huisverbod.orders.models import Deadline, Order, OrderEvent
from huisverbod.orders.services import competent_municipality
from huisverbod.registries.models import PoliceKey, PoliceRecord, VeiligThuisRecord

TINY = HistoryConfig(seed=9, start_year=2022, years=2, scale=0.005)


@pytest.fixture
def loaded(db):
    return load_history(TINY)


def test_national_organisations_are_added_beside_the_demo_s_without_changing_them(organisations):
    utrecht = Organisation.objects.get(code="gemeente-utrecht")
    before = (utrecht.name, utrecht.places, utrecht.court, utrecht.mandate_reference, utrecht.police_unit_id)
    created = load_national_organisations()
    data = national_data()
    assert created["police_unit"] == 10 - 3  # the demo has three units already
    assert created["veilig_thuis"] == 25 - 3
    assert created["municipality"] == len(data.municipalities) - 3
    assert load_national_organisations() == {"police_unit": 0, "veilig_thuis": 0, "municipality": 0}
    utrecht.refresh_from_db()
    assert (
        utrecht.name,
        utrecht.places,
        utrecht.court,
        utrecht.mandate_reference,
        utrecht.police_unit_id,
    ) == before
    assert Organisation.objects.filter(kind=OrganisationKind.POLICE_UNIT).count() == 10
    assert Organisation.objects.filter(kind=OrganisationKind.VEILIG_THUIS).count() == 25
    for municipality in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY):
        assert municipality.police_unit is not None and municipality.veilig_thuis_region is not None
        assert municipality.veilig_thuis_region.kind == OrganisationKind.VEILIG_THUIS
        assert municipality.place_names


def test_the_load_writes_every_generated_case_with_its_records(loaded):
    generated = list(history_cases(TINY))
    assert Case.objects.filter(reference__startswith="hist-").count() == len(generated)
    assert loaded["rows"]["cases.Case"] == len(generated)
    orders = [c for c in generated if c.order is not None]
    assert Order.objects.count() == len(orders)
    assert Decision.objects.filter(imported=True).count() == len(generated)
    assert MeasureTaken.objects.filter(imported=True).count() == sum(len(c.measures) for c in generated)
    assert Decision.objects.filter(outcome="order", order__isnull=True).count() == 0
    assert Decision.objects.exclude(outcome="order").filter(order__isnull=False).count() == 0
    # One assessment per case, its decision pointing at it; the advice as generated.
    assert not Case.objects.annotate(n=Count("assessments")).exclude(n=1).exists()
    assert Assessment.objects.filter(decision__isnull=True).count() == 0
    advice = dict(Assessment.objects.values_list("case__reference", "advice"))
    assert advice == {c.reference: c.advice for c in generated}
    # Every order's events, deadlines, care plan and closing evaluation are there.
    assert OrderEvent.objects.count() == sum(len(c.order.events) for c in orders)  # type: ignore[union-attr]
    assert Deadline.objects.count() == sum(len(c.order.deadlines) for c in orders)  # type: ignore[union-attr]
    assert CarePlanItem.objects.count() == PersonEvaluation.objects.count()
    extended = [c for c in orders if c.order.extended_at is not None]  # type: ignore[union-attr]
    assert ExtensionAdvice.objects.filter(decision__action="extend").count() == len(extended)
    assert (
        loaded["registry_records"]["police"]
        == PoliceRecord.objects.count()
        == sum(v["police"] for v in year_volumes(TINY).values())
    )
    assert VeiligThuisRecord.objects.count() == sum(v["veilig_thuis"] for v in year_volumes(TINY).values())
    assert PoliceKey.objects.count() > 3 * PoliceRecord.objects.count()


def test_referential_integrity_and_historical_times(loaded):
    for order in Order.objects.select_related("case", "perpetrator", "municipality", "assessment"):
        assert order.perpetrator.case_id == order.case_id
        assert order.assessment.case_id == order.case_id
        assert order.perpetrator.role == "perpetrator"
        assert competent_municipality(order.case) == order.municipality
        assert order.created_at == order.imposed_at
        assert order.decision.case_id == order.case_id
        assert all(i.case_id == order.case_id for i in order.protected.all())
    for measure in MeasureTaken.objects.select_related("decision"):
        assert measure.decision.case_id == measure.case_id
        assert measure.track
    assert not Involvement.objects.filter(case__reference__startswith="hist-", person__isnull=True).exists()
    for assessment in Assessment.objects.select_related("case")[:50]:
        assert assessment.created_at == assessment.case.assessment_time
        assert assessment.created_at.year in TINY.year_range
        assert export_case(assessment.case) == assessment.casefile  # the case file round-trips


def test_loading_again_adds_nothing_and_logs_one_entry_per_load(loaded):
    entries = ProcessingLogEntry.objects.filter(processing_activity_id="history-import")
    assert entries.count() == 1
    assert entries.get().attributes["seed"] == TINY.seed
    assert entries.get().data_subject_id == ""
    cases = Case.objects.count()
    again = load_history(TINY)
    assert again["rows"] == {} and again["registry_records"] == {}
    assert Case.objects.count() == cases
    assert entries.count() == 1


def test_history_cases_are_not_in_any_user_s_case_list(users, loaded):
    history = Case.objects.filter(reference__startswith="hist-")
    assert history.exists()
    for user in users.values():
        assert not visible_cases(user).filter(pk__in=history).exists()


def test_the_figures_refresh_runs_after_the_load(loaded):
    try:
        from huisverbod.figures.services import refresh_all  # noqa: F401
    except ImportError:
        expected = False
    else:
        expected = True
    assert loaded["figures_refreshed"] is expected


def test_the_demo_loads_its_share_of_the_history(users):
    from huisverbod.demo.history import demo_history_config, load_demo_history

    config = demo_history_config(date(2026, 11, 28))
    assert (config.start_year, config.years, config.until) == (2023, 4, date(2026, 9, 29))
    assert config.end == date(2026, 9, 29)
    small = HistoryConfig(seed=config.seed, start_year=config.start_year, years=1, scale=0.02)
    summary = load_demo_history(small)
    assert summary["registry_records"] == {}
    assert (
        Case.objects.filter(reference__startswith=f"hist-{config.start_year}-").count()
        == summary["rows"]["cases.Case"]
    )
    assert Organisation.objects.get(code="gemeente-utrecht").name == "Gemeente Utrecht"
    # the demo accounts still work and see only their own cases
    for user in users.values():
        assert not visible_cases(user).filter(reference__startswith="hist-").exists()
