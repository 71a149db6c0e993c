"""The scenario lab's service: selection, the run, what it writes (only its own tables), the
processing log, and what each reader may see."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from huisverbod.access.models import CaseAccess
from huisverbod.accounts.models import Role
from huisverbod.assessments.models import Assessment
from huisverbod.audit.log import AuditContext
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.core.casefile import parse_casefile
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.scenario import run_scenario, scenario_case, summarise
from huisverbod.demo.extra_cases import demo_case_files
from huisverbod.scenarios import services
from huisverbod.scenarios.models import ScenarioCaseResult, ScenarioRun, SelectionKind
from huisverbod.scenarios.services import Selection

pytestmark = pytest.mark.django_db

MOTION = "wth-motie-2026"
OWN_TABLES = {
    "scenarios.scenariorun",
    "scenarios.scenariocaseresult",
    "audit.processinglogentry",
    "audit.chainhead",
}


def _context(user):
    return AuditContext.for_user(user, "test", "scenario")


def _run(user, selection=None, alternative=MOTION, baseline=""):
    return services.run(
        user,
        alternative=alternative,
        baseline=baseline,
        selection=selection or Selection(),
        context=_context(user),
    )


def _expected_summary(assessments):
    """The same cases through the core directly, from the same stored inputs."""
    cases = [
        scenario_case(
            a.case.reference,
            parse_casefile(a.casefile),
            a.overrides,
            sources=None if a.joint else a.sources,
            parameter_set_id=a.parameter_set,
            stored_advice=a.advice,
        )
        for a in assessments
    ]
    return summarise(run_scenario(cases, parameter_set(MOTION)))


def _digest() -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row of every table but the lab's own and the log's."""
    found = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in OWN_TABLES:
            continue
        rows = list(model._default_manager.order_by("pk").values())
        text = json.dumps(rows, sort_keys=True, default=str)
        found[label] = (len(rows), hashlib.sha256(text.encode()).hexdigest())
    return found


def test_the_demo_cases_are_valid_and_get_an_assessment(lab_cases):
    assert len(demo_case_files()) >= 10
    for path in demo_case_files():
        reference = json.loads(path.read_text(encoding="utf-8"))["id"]
        assert Assessment.objects.filter(case__reference=reference).count() == 1
    assert Assessment.objects.count() == len(lab_cases)


def test_a_run_changes_no_real_record(lab_cases, users):
    before = _digest()
    run = _run(users[Role.ANALYST])
    assert run.case_count == len(lab_cases)
    assert _digest() == before
    assert ScenarioCaseResult.objects.filter(run=run).count() == len(lab_cases)


def test_the_run_counts_what_the_core_counts(lab_cases, users):
    run = _run(users[Role.ANALYST])
    expected = _expected_summary(Assessment.objects.select_related("case").order_by("case__reference"))
    assert run.summary == expected.to_dict()
    # The proposal set visibly changes the advice for the demo's cases.
    assert expected.advice_changed >= 3
    assert expected.table("advice").count("do_not_impose", "impose") == expected.advice_changed


def test_every_case_read_is_in_the_processing_log(lab_cases, users):
    analyst = users[Role.ANALYST]
    context = _context(analyst)
    services.run(analyst, alternative=MOTION, selection=Selection(), context=context)
    entries = ProcessingLogEntry.objects.filter(
        trace_id=context.trace_id, processing_activity_id="scenario-run"
    )
    assert set(entries.values_list("case", flat=True)) == set(lab_cases)
    assert all("89" in e.legal_basis for e in entries)


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (
            Selection(kind=SelectionKind.MUNICIPALITY, organisation="gemeente-utrecht"),
            {"seed-1", "demo-08", "demo-11"},
        ),
        (
            Selection(kind=SelectionKind.REGION, organisation="politie-noord-nederland"),
            {"seed-3", "demo-09", "demo-13"},
        ),
        (Selection(kind=SelectionKind.REGION, organisation="vt-groningen"), {"seed-3", "demo-09", "demo-13"}),
        (
            Selection(kind=SelectionKind.PERIOD, date_from=date(2025, 9, 1), date_to=date(2025, 11, 30)),
            {"demo-11", "demo-12", "demo-13", "demo-14"},
        ),
    ],
)
def test_selection(lab_cases, users, selection, expected):
    found = {a.case.reference for a in services.selected_assessments(users[Role.ANALYST], selection)}
    # Read off the case files: seed-1, demo-08 and demo-11 lie in Utrecht; seed-3, demo-09 and
    # demo-13 in Groningen; demo-11 to demo-14 were assessed in September to November 2025.
    assert found == expected


def test_only_the_latest_assessment_of_a_case_is_run(lab_cases, users):
    from huisverbod.assessments.services import save_snapshot

    newer = save_snapshot(lab_cases["demo-04"], users[Role.VEILIG_THUIS_PROFESSIONAL])
    chosen = services.selected_assessments(users[Role.ANALYST], Selection())
    assert chosen.filter(case__reference="demo-04").get() == newer
    assert chosen.count() == len(lab_cases)


def test_named_cases_only_among_those_the_user_may_see(lab_cases, users):
    chosen = Selection(kind=SelectionKind.CASES, references=("seed-2", "demo-04"))
    assert not services.selected_assessments(users[Role.ANALYST], chosen).exists()
    CaseAccess.objects.filter(case__reference="demo-04", organisation__code="vt-zuidoost-brabant").delete()
    found = services.selected_assessments(users[Role.VEILIG_THUIS_PROFESSIONAL], chosen)
    assert {a.case.reference for a in found} == {"seed-2"}


def test_roles_without_the_task_are_refused(lab_cases, users):
    for role in (Role.CARE_PROFESSIONAL, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            _run(users[role])
    assert not ScenarioRun.objects.exists()


def test_unknown_or_equal_sets_are_refused(lab_cases, users):
    with pytest.raises(services.ScenarioRefused) as unknown:
        _run(users[Role.ANALYST], alternative="wth-2099")
    assert unknown.value.field == "alternative"
    with pytest.raises(services.ScenarioRefused):
        _run(users[Role.ANALYST], alternative=MOTION, baseline=MOTION)


def test_too_large_a_selection_is_refused(lab_cases, users, settings):
    settings.SCENARIO_MAX_CASES = 3
    with pytest.raises(services.ScenarioRefused) as refused:
        _run(users[Role.ANALYST])
    assert refused.value.field == "selection"


def test_analyst_sees_suppressed_counts_and_no_case(lab_cases, users):
    analyst = users[Role.ANALYST]
    view = services.view_of(analyst, _run(analyst), _context(analyst))
    assert view.suppressed and view.threshold == 10
    assert view.examples == []
    advice = view.tables["advice"]
    small = [c for row in advice.rows for c in row.cells if c.value is not None and 0 < c.value < 10]
    assert small == []
    assert view.counts["advice_changed"] is None  # fewer than ten: not shown


def test_a_professional_who_sees_every_case_sees_every_count_and_the_examples(lab_cases, users):
    professional = users[Role.VEILIG_THUIS_PROFESSIONAL]
    run = _run(professional)
    context = _context(professional)
    view = services.view_of(professional, run, context)
    assert not view.suppressed
    expected = _expected_summary(Assessment.objects.select_related("case"))
    assert view.counts["advice_changed"] == expected.advice_changed
    assert view.tables["advice"].value("do_not_impose", "impose") == expected.table("advice").count(
        "do_not_impose", "impose"
    )
    assert {r.case.reference for r in view.examples} == set(
        ScenarioCaseResult.objects.filter(run=run, substantive=True).values_list("case__reference", flat=True)
    )
    logged = ProcessingLogEntry.objects.filter(
        trace_id=context.trace_id, processing_activity_id="scenario-view"
    )
    assert set(logged.values_list("case", flat=True)) == {r.case.reference for r in view.examples}


def test_a_professional_who_misses_one_case_gets_suppression_and_only_their_examples(lab_cases, users):
    professional = users[Role.VEILIG_THUIS_PROFESSIONAL]
    run = _run(professional)
    CaseAccess.objects.filter(case__reference="demo-04", organisation__code="vt-zuidoost-brabant").delete()
    view = services.view_of(professional, run, _context(professional))
    assert view.suppressed
    shown = {r.case.reference for r in view.examples}
    assert "demo-04" not in shown and shown


def test_runs_are_seen_within_the_organisation_only(lab_cases, users):
    run = _run(users[Role.ANALYST])
    assert list(services.runs_for(users[Role.ANALYST])) == [run]
    assert not services.runs_for(users[Role.VEILIG_THUIS_PROFESSIONAL]).exists()
    assert not services.runs_for(users[Role.CARE_PROFESSIONAL]).exists()


def test_results_go_with_a_destroyed_case_and_the_counts_stay(lab_cases, users):
    run = _run(users[Role.ANALYST])
    lab_cases["demo-13"].delete()
    assert not ScenarioCaseResult.objects.filter(run=run, case__reference="demo-13").exists()
    run.refresh_from_db()
    assert run.summary["cases"] == len(lab_cases)


def test_a_stored_file_that_cannot_be_read_is_counted_not_fatal(lab_cases, users):
    Assessment.objects.filter(case__reference="demo-13").update(casefile={"format": "nope"})
    run = _run(users[Role.ANALYST])
    assert run.summary["errors"] == 1 and run.summary["cases"] == len(lab_cases) - 1
    broken = ScenarioCaseResult.objects.get(run=run, case__reference="demo-13")
    assert broken.error.startswith("CaseFileError") and broken.alternative_advice == ""
