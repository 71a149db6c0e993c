"""Re-running past cases under another law: the same engine, the same stored inputs, another
parameter set.

A scenario takes each case exactly as it was assessed (the case file and the professionals'
overrides of the snapshot, on the same sources) and runs ``assess`` twice: under the baseline set
(the one the assessment used, unless another is chosen) and under the alternative set (e.g. the
proposal ``wth-motie-2026``). Both runs use today's engine, so a difference is the law's and
never the code's; where the baseline re-run differs from the stored advice, that is reported as
drift, not as an effect of the alternative.

Nothing here writes anything: the inputs are values, the outputs are values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from huisverbod.core.advice.measures import Measure
from huisverbod.core.assessment.engine import assess
from huisverbod.core.assessment.result import AssessmentResult
from huisverbod.core.calendar.instants import isoformat
from huisverbod.core.casefile.model import CaseFile
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments.overrides import ItemOverride
from huisverbod.core.law.criteria import Criterion
from huisverbod.core.law.order import order_dates
from huisverbod.core.law.parameters import LawParameters, parameter_set

LANGUAGES = ("en", "nl")
# Articles of the rules a scenario compares (the criteria and measures carry their own).
ADVICE_ARTICLE = "art. 2 lid 1 en 2 Wth"
# The routes are practice, not statute: Regioplan Handreiking (2015) start routes.
ROUTE_BASIS = "Regioplan Handreiking 2015 (startroutes); seed document 2022 (gepland huisverbod)"
DURATION_ARTICLE = "art. 9 lid 1 Wth"
NO_ORDER = "no_order"
SUBSTANTIVE = frozenset(
    {"advice", "route", "criterion", "measure"}
)  # the route column of a case whose advice is not to impose

Texts = dict[str, str]  # language -> text


@dataclass(frozen=True)
class ScenarioCase:
    """One past case as it was assessed: the stored inputs of its snapshot."""

    reference: str
    casefile: CaseFile
    overrides: tuple[ItemOverride, ...] = ()
    sources: frozenset[OrganisationKind] | None = None  # None: every source (the joint view)
    parameter_set: str = ""  # the set the assessment used ("" when not recorded)
    stored_advice: str = ""  # the advice the snapshot recorded, to detect drift


@dataclass(frozen=True)
class CriterionOutcome:
    id: str
    article: str
    met: bool
    grounds: tuple[str, ...]  # the finding codes with their parameters, comparable
    reason: Texts


@dataclass(frozen=True)
class MeasureOutcome:
    id: str
    track: str
    basis: str
    advised: bool
    reason: Texts


@dataclass(frozen=True)
class Outcome:
    """What one run of the engine advised, reduced to what a scenario compares."""

    parameter_set: str
    advice: str  # impose / do_not_impose / not_possible
    route: str | None  # acute / planned with impose, else None
    possible: bool
    criteria: tuple[CriterionOutcome, ...]
    measures: tuple[MeasureOutcome, ...]
    initial_duration_days: int  # art. 2 lid 1 Wth
    max_duration_days: int  # art. 9 lid 1 Wth
    latest_extension_end: str | None  # when the file records an order (ISO, Amsterdam)
    reason: Texts  # why the huisverbod advice is what it is

    @property
    def route_or_no_order(self) -> str:
        return self.route or NO_ORDER

    def criterion(self, criterion_id: str) -> CriterionOutcome:
        return next(c for c in self.criteria if c.id == criterion_id)

    def measure(self, measure_id: str) -> MeasureOutcome | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    @property
    def advised_measures(self) -> frozenset[str]:
        return frozenset(m.id for m in self.measures if m.advised)


@dataclass(frozen=True)
class Change:
    """One thing that differs between the two runs, with the rule (article) that moved it and
    the alternative's reason."""

    subject: str  # advice, route, criterion, danger_grounds, measure, max_duration_days, latest_extension_end
    key: str  # the criterion or measure id; the subject again otherwise
    before: str | int | bool | None
    after: str | int | bool | None
    article: str
    reason: Texts = field(default_factory=dict)


@dataclass(frozen=True)
class CaseDifference:
    reference: str
    baseline: Outcome
    alternative: Outcome
    changes: tuple[Change, ...]
    drift: bool  # the baseline re-run no longer gives the stored advice

    @property
    def advice_changed(self) -> bool:
        return self.baseline.advice != self.alternative.advice

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def substantive(self) -> bool:
        """The advice, route, a criterion or a measure changed, not only a duration or the
        grounds of a danger met under both sets."""
        return any(c.subject in SUBSTANTIVE for c in self.changes)


@dataclass(frozen=True)
class CaseError:
    """A case the engine refused (e.g. an override that no longer stands): counted, not hidden."""

    reference: str
    error: str


# -- one run ---------------------------------------------------------------------------------


def _texts(render: Callable[[str], str]) -> Texts:
    return {language: render(language) for language in LANGUAGES}


def _criterion(result: AssessmentResult, criterion: Criterion) -> CriterionOutcome:
    grounds = tuple(
        f"{f.code}({', '.join(f'{k}={v}' for k, v in sorted(f.params_json().items()))})"
        for f in criterion.findings
    )
    return CriterionOutcome(
        id=criterion.id,
        article=criterion.article,
        met=criterion.met,
        grounds=grounds,
        reason=_texts(lambda language: result.text(criterion.findings, language)),
    )


def _measure(result: AssessmentResult, measure: Measure) -> MeasureOutcome:
    return MeasureOutcome(
        id=measure.id,
        track=measure.track.value,
        basis=measure.basis,
        advised=measure.advised,
        reason=_texts(lambda language: result.text((measure.finding,), language)),
    )


def outcome(casefile: CaseFile, result: AssessmentResult, params: LawParameters) -> Outcome:
    """The parts of ``result`` a scenario compares. The order's dates (when the file records an
    order) are those of ``params``: the scenario's law, not the law of the imposition date."""
    dates = order_dates(casefile.order, params) if casefile.order is not None else None
    advice = result.advice
    return Outcome(
        parameter_set=params.id,
        advice=advice.huisverbod.value,
        route=advice.route.value if advice.route is not None else None,
        possible=result.possible,
        criteria=tuple(_criterion(result, c) for c in result.criteria),
        measures=tuple(_measure(result, m) for m in advice.measures),
        initial_duration_days=params.order.initial_duration_days,
        max_duration_days=params.order.max_duration_days,
        latest_extension_end=isoformat(dates.latest_extension_end) if dates is not None else None,
        reason=_texts(lambda language: result.text(advice.findings, language)),
    )


def run_once(case: ScenarioCase, params: LawParameters) -> Outcome:
    result = assess(case.casefile, sources=case.sources, parameters=params, overrides=case.overrides)
    return outcome(case.casefile, result, params)


# -- the comparison ----------------------------------------------------------------------------


def differences(baseline: Outcome, alternative: Outcome) -> tuple[Change, ...]:
    """Every difference, in a fixed order: advice, route, criteria, measures, durations."""
    changes: list[Change] = []
    if baseline.advice != alternative.advice:
        changes.append(
            Change(
                "advice", "advice", baseline.advice, alternative.advice, ADVICE_ARTICLE, alternative.reason
            )
        )
    if baseline.route != alternative.route:
        changes.append(Change("route", "route", baseline.route, alternative.route, ROUTE_BASIS))
    for before in baseline.criteria:
        after = alternative.criterion(before.id)
        if before.met != after.met:
            changes.append(Change("criterion", after.id, before.met, after.met, after.article, after.reason))
        elif before.grounds != after.grounds and after.met:
            # Met under both, on other grounds (e.g. a signal that now suffices on its own).
            changes.append(Change("danger_grounds", after.id, True, True, after.article, after.reason))
    ids = [m.id for m in baseline.measures] + [
        m.id for m in alternative.measures if baseline.measure(m.id) is None
    ]
    for measure_id in ids:
        was, now = baseline.measure(measure_id), alternative.measure(measure_id)
        before_advised = was is not None and was.advised
        after_advised = now is not None and now.advised
        if before_advised != after_advised:
            shown = now or was
            if shown is None:  # neither run weighed it (cannot happen: one listed the id)
                continue
            changes.append(
                Change("measure", measure_id, before_advised, after_advised, shown.basis, shown.reason)
            )
    if alternative.advice == "impose" and baseline.max_duration_days != alternative.max_duration_days:
        changes.append(
            Change(
                "max_duration_days",
                "max_duration_days",
                baseline.max_duration_days,
                alternative.max_duration_days,
                DURATION_ARTICLE,
            )
        )
    if baseline.latest_extension_end != alternative.latest_extension_end:
        changes.append(
            Change(
                "latest_extension_end",
                "latest_extension_end",
                baseline.latest_extension_end,
                alternative.latest_extension_end,
                DURATION_ARTICLE,
            )
        )
    return tuple(changes)


def compare_case(
    case: ScenarioCase, alternative: LawParameters, baseline: LawParameters | None = None
) -> CaseDifference:
    """The case under ``baseline`` (default: the set its assessment used) and ``alternative``."""
    base = baseline if baseline is not None else _assessed_set(case)
    before = run_once(case, base)
    after = run_once(case, alternative)
    drift = bool(case.stored_advice) and base.id == case.parameter_set and before.advice != case.stored_advice
    return CaseDifference(case.reference, before, after, differences(before, after), drift)


def _assessed_set(case: ScenarioCase) -> LawParameters:
    if case.parameter_set:
        return parameter_set(case.parameter_set)
    from huisverbod.core.law.parameters import parameters_on
    from huisverbod.core.law.persons import assessment_day

    return parameters_on(assessment_day(case.casefile))


@dataclass(frozen=True)
class ScenarioOutcome:
    baseline_set: str  # "" when each case keeps the set its assessment used
    alternative_set: str
    cases: tuple[CaseDifference, ...]
    errors: tuple[CaseError, ...]


def run_scenario(
    cases: Iterable[ScenarioCase],
    alternative: LawParameters,
    baseline: LawParameters | None = None,
) -> ScenarioOutcome:
    """Every case under both sets. A case the engine refuses is listed under ``errors``."""
    done: list[CaseDifference] = []
    errors: list[CaseError] = []
    for case in cases:
        try:
            done.append(compare_case(case, alternative, baseline))
        except (ValueError, KeyError) as exc:  # OverrideError, ParameterSetError, DefinitionError
            errors.append(CaseError(case.reference, f"{type(exc).__name__}: {exc}"))
    return ScenarioOutcome(
        baseline_set=baseline.id if baseline is not None else "",
        alternative_set=alternative.id,
        cases=tuple(done),
        errors=tuple(errors),
    )


def scenario_case(
    reference: str,
    casefile: CaseFile,
    overrides: Sequence[dict[str, object]] = (),
    *,
    sources: Sequence[str] | None = None,
    parameter_set_id: str = "",
    stored_advice: str = "",
) -> ScenarioCase:
    """A ``ScenarioCase`` from a snapshot's stored JSON (``overrides`` as saved, ``sources``
    None for a joint assessment)."""
    return ScenarioCase(
        reference=reference,
        casefile=casefile,
        overrides=tuple(
            ItemOverride(
                item=str(o["item"]),
                answer=bool(o["answer"]),
                reason=str(o.get("reason", "")),
                facts=tuple(str(f) for f in o.get("facts", ()) or ()),  # type: ignore[attr-defined]
                by=str(o["by"]) if o.get("by") else None,
            )
            for o in overrides
        ),
        sources=frozenset(OrganisationKind(s) for s in sources) if sources is not None else None,
        parameter_set=parameter_set_id,
        stored_advice=stored_advice,
    )
