"""The scenario lab: choose past cases, re-run their stored assessments under another law
parameter set, keep the counts, and show each reader what they may see.

- Which cases: the latest assessment of each selected case (``selected_assessments``), chosen
  in SQL; explicit case references only among the cases the user may see.
- The run reads each snapshot's stored inputs (``Assessment.casefile`` and ``overrides``, on the
  same sources) and writes only ``ScenarioRun`` and ``ScenarioCaseResult``. Every case read is
  in the processing log (activity ``scenario-run``) before anything is computed.
- What a reader sees (``view_of``): the counts, with small cells suppressed
  (``FIGURES_SUPPRESSION_THRESHOLD``, core/disclosure.py) unless the reader may see every case
  counted; example cases only among those their organisation was granted and their role may see
  the assessment of (``visible_cases``, in SQL), logged as ``scenario-view``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from datetime import time as clock
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huisverbod.access.policy import Action, role_may
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import Organisation, OrganisationKind, User
from huisverbod.assessments.models import Assessment
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_cases
from huisverbod.core.casefile import CaseFileError, parse_casefile
from huisverbod.core.disclosure import DEFAULT_THRESHOLD
from huisverbod.core.law.parameters import LawParameters, ParameterSetError, all_parameter_sets, parameter_set
from huisverbod.core.scenario import (
    CaseDifference,
    CaseError,
    ScenarioCase,
    Summary,
    published,
    published_count,
    run_scenario,
    scenario_case,
    summarise,
)
from huisverbod.core.scenario.summary import PublishedTable
from huisverbod.scenarios.models import ScenarioCaseResult, ScenarioRun, SelectionKind


class ScenarioRefused(Exception):
    """The run cannot be made as asked; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# -- parameter sets --------------------------------------------------------------------------


def parameter_sets() -> tuple[LawParameters, ...]:
    """Every set, enacted law first, then the proposals, each by its date."""
    return tuple(sorted(all_parameter_sets(), key=lambda s: (not s.enacted, s.effective_from, s.id)))


def _set(set_id: str, field_name: str) -> LawParameters:
    try:
        return parameter_set(set_id)
    except ParameterSetError:
        raise ScenarioRefused(str(_("Unknown parameter set.")), field_name) from None


def parameter_rows(set_ids: list[str]) -> list[dict[str, Any]]:
    """The numbers and switches of the sets side by side (no personal data)."""
    sets = [parameter_set(s) for s in set_ids]
    rows: list[tuple[str, str, Any]] = [
        ("enacted", str(_("Enacted law")), lambda p: p.enacted),
        (
            "initial_duration_days",
            str(_("Order duration (days, art. 2 lid 1 Wth)")),
            lambda p: p.order.initial_duration_days,
        ),
        (
            "max_duration_days",
            str(_("Maximum with extension (days, art. 9 lid 1 Wth)")),
            lambda p: p.order.max_duration_days,
        ),
        (
            "min_red_in_one_part",
            str(_("Reds in one part for danger")),
            lambda p: p.danger.min_red_in_one_part if p.danger else None,
        ),
        (
            "sufficient_red_signals",
            str(_("Signals that suffice on their own when red")),
            lambda p: ", ".join(sorted(p.danger.sufficient_red_signals)) if p.danger else "",
        ),
        (
            "sufficient_conclusions",
            str(_("Conclusions that suffice on their own")),
            lambda p: (
                ", ".join(f"{i}:{c}" for i, c in sorted(p.danger.sufficient_conclusions)) if p.danger else ""
            ),
        ),
        (
            "administrative_contact_ban",
            str(_("Contact ban without the residence condition")),
            lambda p: bool(p.measures and p.measures.administrative_contact_ban),
        ),
    ]
    return [
        {
            "key": key,
            "label": label,
            "values": [get(s) for s in sets],
            "differs": len({repr(get(s)) for s in sets}) > 1,
        }
        for key, label, get in rows
    ]


# -- the selection ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    kind: SelectionKind = SelectionKind.ALL
    date_from: date | None = None
    date_to: date | None = None
    organisation: str = ""  # a municipality's code, or a police unit's or Veilig Thuis region's
    references: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value}
        if self.kind == SelectionKind.PERIOD:
            data["from"] = self.date_from.isoformat() if self.date_from else None
            data["to"] = self.date_to.isoformat() if self.date_to else None
        elif self.kind in (SelectionKind.MUNICIPALITY, SelectionKind.REGION):
            data["organisation"] = self.organisation
        elif self.kind == SelectionKind.CASES:
            data["references"] = list(self.references)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            kind=SelectionKind(data.get("kind", SelectionKind.ALL)),
            date_from=day(data.get("from")),
            date_to=day(data.get("to")),
            organisation=str(data.get("organisation", "")),
            references=tuple(data.get("references", ())),
        )


def _places(organisations: QuerySet[Organisation]) -> Q:
    """Cases whose dwelling lies in one of these municipalities (its places, or its name)."""
    match = Q(pk__in=[])
    for municipality in organisations:
        names = {*municipality.place_names, municipality.name.removeprefix("Gemeente ").strip()}
        for name in names:
            match |= Q(case__dwelling__city__iexact=name)
    return match


def _latest() -> QuerySet[Assessment]:
    """The latest version of each case's assessment (the one no other supersedes)."""
    return Assessment.objects.filter(superseded_by__isnull=True)


def selected_assessments(user: User, selection: Selection) -> QuerySet[Assessment]:
    """The latest assessment of every selected case, as one query."""
    found = _latest()
    kind = selection.kind
    if kind == SelectionKind.PERIOD:
        zone = timezone.get_default_timezone()
        if selection.date_from is not None:
            found = found.filter(
                case__assessment_time__gte=datetime.combine(selection.date_from, clock.min, zone)
            )
        if selection.date_to is not None:
            found = found.filter(
                case__assessment_time__lte=datetime.combine(selection.date_to, clock.max, zone)
            )
    elif kind == SelectionKind.MUNICIPALITY:
        municipality = Organisation.objects.filter(
            code=selection.organisation, kind=OrganisationKind.MUNICIPALITY
        )
        if not municipality.exists():
            raise ScenarioRefused(str(_("Choose a municipality.")), "organisation")
        found = found.filter(_places(municipality))
    elif kind == SelectionKind.REGION:
        region = Organisation.objects.filter(
            code=selection.organisation,
            kind__in=[OrganisationKind.POLICE_UNIT, OrganisationKind.VEILIG_THUIS],
        ).first()
        if region is None:
            raise ScenarioRefused(str(_("Choose a police unit or Veilig Thuis region.")), "organisation")
        municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).filter(
            Q(police_unit=region) | Q(veilig_thuis_region=region)
        )
        found = found.filter(_places(municipalities))
    elif kind == SelectionKind.CASES:
        if not selection.references:
            raise ScenarioRefused(str(_("Name at least one case.")), "references")
        # Named cases only among those the user may see: naming a case reveals nothing new then.
        found = found.filter(case__reference__in=selection.references, case__in=visible_cases(user))
        if not role_may(user.role, Action.VIEW_ASSESSMENT):
            found = found.none()
    return found.order_by("case__reference")


def selection_choices() -> dict[str, list[tuple[str, str]]]:
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, active=True)
    regions = Organisation.objects.filter(
        kind__in=[OrganisationKind.POLICE_UNIT, OrganisationKind.VEILIG_THUIS], active=True
    )
    return {
        "municipalities": [(o.code, o.name) for o in municipalities.order_by("name")],
        "regions": [(o.code, o.name) for o in regions.order_by("kind", "name")],
    }


# -- running ---------------------------------------------------------------------------------


def _scenario_case(snapshot: Assessment) -> ScenarioCase:
    return scenario_case(
        snapshot.case.reference,
        parse_casefile(snapshot.casefile, source=f"assessment {snapshot.pk}"),
        snapshot.overrides,
        sources=None if snapshot.joint else list(snapshot.sources),
        parameter_set_id=snapshot.parameter_set,
        stored_advice=snapshot.advice,
    )


def _change_json(difference: CaseDifference) -> list[dict[str, Any]]:
    return [
        {
            "subject": c.subject,
            "key": c.key,
            "before": c.before,
            "after": c.after,
            "article": c.article,
            "reason": dict(c.reason),
        }
        for c in difference.changes
    ]


def run(
    user: User,
    *,
    alternative: str,
    baseline: str = "",
    selection: Selection,
    context: AuditContext,
) -> ScenarioRun:
    """Re-run the selected cases' latest assessments under ``baseline`` ("" = as assessed) and
    ``alternative``; record the run. Refused (PermissionDenied) without the role's task."""
    if not can(user, Action.RUN_SCENARIO):
        raise PermissionDenied
    alternative_set = _set(alternative, "alternative")
    baseline_set = _set(baseline, "baseline") if baseline else None
    if baseline_set is not None and baseline_set.id == alternative_set.id:
        raise ScenarioRefused(str(_("Choose an alternative other than the baseline.")), "alternative")
    snapshots = list(selected_assessments(user, selection).select_related("case"))
    limit = getattr(settings, "SCENARIO_MAX_CASES", 5000)
    if len(snapshots) > limit:
        raise ScenarioRefused(
            str(_("The selection holds %(n)d cases; at most %(max)d can be run at once."))
            % {"n": len(snapshots), "max": limit},
            "selection",
        )
    started = timezone.now()
    clock_start = time.perf_counter()
    cases = [s.case for s in snapshots]
    detail = {
        "baseline": baseline or "as_assessed",
        "alternative": alternative_set.id,
        "selection": selection.to_dict(),
        "cases": len(cases),
    }
    # The log comes first: if it cannot be written, nothing is processed.
    record(context, "scenario-run", subjects=of_cases(cases) or None, detail=detail, started=started)
    inputs, unreadable = [], []
    for snapshot in snapshots:
        try:
            inputs.append(_scenario_case(snapshot))
        except CaseFileError as exc:  # a stored file today's reader refuses: counted, not hidden
            unreadable.append(CaseError(snapshot.case.reference, f"CaseFileError: {exc}"))
    outcome = run_scenario(inputs, alternative_set, baseline_set)
    outcome = replace(outcome, errors=(*unreadable, *outcome.errors))
    summary = summarise(outcome)
    by_reference = {s.case.reference: s for s in snapshots}
    with transaction.atomic():
        scenario = ScenarioRun.objects.create(
            created_by=user,
            organisation=user.organisation,
            role=user.role,
            baseline_set=baseline_set.id if baseline_set is not None else "",
            alternative_set=alternative_set.id,
            selection_kind=selection.kind.value,
            selection=selection.to_dict(),
            case_count=len(snapshots),
            summary=summary.to_dict(),
            duration_ms=int((time.perf_counter() - clock_start) * 1000),
        )
        rows = [
            ScenarioCaseResult(
                run=scenario,
                case=by_reference[d.reference].case,
                assessment=by_reference[d.reference],
                baseline_set=d.baseline.parameter_set,
                alternative_set=d.alternative.parameter_set,
                baseline_advice=d.baseline.advice,
                alternative_advice=d.alternative.advice,
                baseline_route=d.baseline.route or "",
                alternative_route=d.alternative.route or "",
                changed=d.changed,
                advice_changed=d.advice_changed,
                substantive=d.substantive,
                drift=d.drift,
                changes=_change_json(d),
            )
            for d in outcome.cases
        ]
        rows += [
            ScenarioCaseResult(
                run=scenario,
                case=by_reference[e.reference].case,
                assessment=by_reference[e.reference],
                baseline_set=baseline_set.id if baseline_set else by_reference[e.reference].parameter_set,
                alternative_set=alternative_set.id,
                error=e.error,
            )
            for e in outcome.errors
        ]
        ScenarioCaseResult.objects.bulk_create(rows)
    return scenario


# -- reading ---------------------------------------------------------------------------------


def runs_for(user: User) -> QuerySet[ScenarioRun]:
    """The runs of the user's organisation, for the roles that run scenarios."""
    if not can(user, Action.RUN_SCENARIO) or user.organisation_id is None:
        return ScenarioRun.objects.none()
    return ScenarioRun.objects.filter(organisation_id=user.organisation_id).select_related("created_by")


def threshold() -> int:
    return int(getattr(settings, "FIGURES_SUPPRESSION_THRESHOLD", DEFAULT_THRESHOLD))


def example_results(user: User, scenario: ScenarioRun) -> QuerySet[ScenarioCaseResult]:
    """The run's per-case results the user may see: cases granted to the organisation, for a
    role that may see assessments (filtered in SQL)."""
    if not role_may(user.role, Action.VIEW_ASSESSMENT):
        return ScenarioCaseResult.objects.none()
    return scenario.results.filter(case__in=visible_cases(user)).select_related("case")


@dataclass(frozen=True)
class RunView:
    """A run as one reader may see it."""

    run: ScenarioRun
    summary: Summary
    suppressed: bool  # small cells are hidden for this reader
    threshold: int | None
    tables: dict[str, PublishedTable]
    counts: dict[str, int | None]
    examples: list[ScenarioCaseResult]
    examples_hidden: int | None  # changed cases the reader may not see (suppressed when small)
    parameters: list[dict[str, Any]]
    baseline_sets: list[str]


def view_of(user: User, scenario: ScenarioRun, context: AuditContext, *, log: bool = True) -> RunView:
    summary = Summary.from_dict(scenario.summary)
    examples = list(example_results(user, scenario).filter(Q(substantive=True) | ~Q(error="")))
    visible_total = example_results(user, scenario).count()
    sees_every_case = visible_total == scenario.case_count and scenario.case_count > 0
    limit = None if sees_every_case else threshold()
    if examples and log:
        record(
            context,
            "scenario-view",
            subjects=of_cases([r.case for r in examples]),
            detail={"run": scenario.pk},
        )
    baseline_sets = sorted(set(scenario.results.values_list("baseline_set", flat=True))) or (
        [scenario.baseline_set] if scenario.baseline_set else []
    )
    sets = [*baseline_sets, scenario.alternative_set]
    shown_total = scenario.results.filter(Q(substantive=True) | ~Q(error="")).count()
    return RunView(
        run=scenario,
        summary=summary,
        suppressed=limit is not None,
        threshold=limit,
        tables={t.id: published(t, limit) for t in summary.tables},
        counts={
            "cases": published_count(summary.cases, limit),
            # A part of all cases is hidden when it, or the rest, is small (the rest is the
            # difference with the published total).
            "changed": published_count(summary.changed, limit, summary.cases),
            "advice_changed": published_count(summary.advice_changed, limit, summary.cases),
            "drift": published_count(summary.drift, limit, summary.cases),
            "errors": published_count(summary.errors, limit, summary.cases),
        },
        examples=examples,
        examples_hidden=published_count(max(shown_total - len(examples), 0), limit),
        parameters=parameter_rows(list(dict.fromkeys(sets))),
        baseline_sets=baseline_sets,
    )
