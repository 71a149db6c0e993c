"""The joint assessment: the legal test, the instruments and the advice, on one view of the file."""

from __future__ import annotations

from collections.abc import Sequence

from huisverbod.core.advice import AdviceContext, Huisverbod, advise, decide
from huisverbod.core.advice.offences import offence_facts
from huisverbod.core.advice.route import current_incident_facts
from huisverbod.core.assessment.result import AssessmentResult
from huisverbod.core.casefile.model import CaseFile
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments.base import Instrument
from huisverbod.core.instruments.engine import run_instruments
from huisverbod.core.instruments.errors import DefinitionError
from huisverbod.core.instruments.overrides import ItemOverride
from huisverbod.core.instruments.registry import Registry, default_registry
from huisverbod.core.law.criteria import adult, danger, residence, violence_facts
from huisverbod.core.law.order import order_dates
from huisverbod.core.law.parameters import LawParameters, parameters_on
from huisverbod.core.law.persons import assessment_day, case_roles, choose_subject
from huisverbod.core.law.requirements import child_abuse_facts, requirements


def assess(
    casefile: CaseFile,
    *,
    sources: frozenset[OrganisationKind] | None = None,
    parameters: LawParameters | None = None,
    overrides: Sequence[ItemOverride] = (),
    registry: Registry | None = None,
) -> AssessmentResult:
    """Assess ``casefile`` on the facts of ``sources`` (all facts when None).

    ``parameters`` defaults to the set in force on the assessment date; the order's end dates use
    the set in force on the imposition date unless ``parameters`` is given. ``overrides`` are the
    professionals' corrections of item answers (checked against the whole file). ``registry``
    defaults to the shipped instruments.
    """
    view = casefile.restricted_to_sources(sources) if sources is not None else casefile
    day = assessment_day(casefile)
    params = parameters if parameters is not None else parameters_on(day)
    danger_params = params.need(params.danger, "danger")
    registry = registry if registry is not None else default_registry()
    instruments = _instruments(registry, danger_params.instrument)

    subject = choose_subject(casefile, day, params)
    roles = case_roles(casefile, subject, day, params)
    run = run_instruments(
        registry, instruments, view.facts, roles, overrides=overrides, file_facts=casefile.facts
    )

    criteria = (
        adult(subject, day, params),
        residence(subject, casefile, params),
        danger(subject, view.facts, roles, run.results, danger_params),
    )
    decision, why = decide(*criteria)
    dates = order_dates(casefile.order, parameters) if casefile.order is not None else None
    duties = (
        requirements(casefile, subject, view.facts, roles, params, dates)
        if decision == Huisverbod.IMPOSE or casefile.order is not None
        else ()
    )
    route_params = params.need(params.route, "route")
    context = AdviceContext(
        casefile=view,
        subject=subject,
        roles=roles,
        params=params,
        criteria={c.id: c for c in criteria},
        decision=decision,
        run=run,
        violence=violence_facts(subject, view.facts, roles, danger_params),
        offences=offence_facts(subject, view.facts, roles),
        current_incident=current_incident_facts(subject, view.facts, casefile.trigger, day, route_params),
        child_abuse=child_abuse_facts(subject, view.facts, roles, params),
    )
    return AssessmentResult(
        casefile=view,
        sources=_sources(casefile, sources),
        parameter_set=params.id,
        subject=subject,
        criteria=criteria,
        requirements=duties,
        instruments=instruments,
        run=run,
        advice=advise(context, why),
        order=dates,
        overrides=tuple(overrides),
    )


def _instruments(registry: Registry, danger_instrument: str) -> tuple[Instrument, ...]:
    instruments = registry.instruments()
    if danger_instrument not in {i.id for i in instruments}:
        raise DefinitionError(f"the danger criterion reads '{danger_instrument}', which is not registered")
    return instruments


def _sources(casefile: CaseFile, sources: frozenset[OrganisationKind] | None) -> tuple[str, ...]:
    """The sources asked for (in the vocabulary's order), or all sources the file has."""
    if sources is None:
        return tuple(kind.value for kind in casefile.sources)
    return tuple(kind.value for kind in OrganisationKind if kind in sources)
