"""The statutory conditions of a huisverbod, one small function each, citing its article.

- ``adult``: art. 2 lid 2 Wth - only an adult can be ordered out.
- ``residence``: art. 2 lid 1 Wth - the person and at least one person to protect live in the
  dwelling or stay there more than incidentally.
- ``danger``: art. 2 lid 1 Wth - serious and immediate danger, or a serious suspicion of it,
  shown by facts (Besluit tijdelijk huisverbod art. 2: the facts of groups a, b and c, weighed with
  the risk instrument).

Every number and switch comes from the parameter set, so a revised law is a new set, not code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from huisverbod.core.casefile.model import CaseFile, Fact, Person
from huisverbod.core.instruments.base import CaseRoles, InstrumentResult, PartResult, Rating
from huisverbod.core.law.findings import Finding, finding, merge_facts
from huisverbod.core.law.parameters import DangerParameters, LawParameters, ParameterSetError
from huisverbod.core.law.persons import describe, is_adult, protected_residents, resides


@dataclass(frozen=True)
class Criterion:
    id: str
    article: str
    met: bool
    findings: tuple[Finding, ...]

    @property
    def facts(self) -> tuple[str, ...]:
        return merge_facts(*(f.facts for f in self.findings))


def adult(subject: Person | None, day: date, params: LawParameters) -> Criterion:
    """art. 2 lid 2 Wth: the person is at least ``persons.minimum_age`` on the assessment date."""
    article = "art. 2 lid 2 Wth"
    if subject is None:
        return Criterion("adult", article, False, (finding("adult.no_perpetrator"),))
    age = subject.age_on(day)
    met = is_adult(subject, day, params)
    code = "adult.met" if met else "adult.minor"
    found = finding(code, person=describe(subject), age=age, minimum=params.persons.minimum_age)
    return Criterion("adult", article, met, (found,))


def residence(subject: Person | None, casefile: CaseFile, params: LawParameters) -> Criterion:
    """art. 2 lid 1 Wth: the person, and at least one person to protect, live in the dwelling or
    stay there "anders dan incidenteel" (``persons.qualifying_residences``)."""
    article = "art. 2 lid 1 Wth"
    if subject is None:
        return Criterion("residence", article, False, (finding("residence.no_perpetrator"),))
    person = describe(subject)
    if not resides(subject, params):
        found = finding(
            "residence.perpetrator_not_resident", person=person, residence=subject.residence.value
        )
        return Criterion("residence", article, False, (found,))
    protected = protected_residents(casefile, params)
    if not protected:
        return Criterion(
            "residence", article, False, (finding("residence.no_protected_resident", person=person),)
        )
    found = finding(
        "residence.met",
        person=person,
        residence=subject.residence.value,
        protected=tuple(describe(p) for p in protected),
    )
    return Criterion("residence", article, True, (found,))


def violence_facts(
    subject: Person | None, facts: Sequence[Fact], roles: CaseRoles, params: DangerParameters
) -> tuple[Fact, ...]:
    """Domestic violence or threat by the person against someone the order would protect (or
    against no one named): without such a fact there is no danger "of his presence" to weigh."""
    if subject is None:
        return ()
    return tuple(
        f
        for f in facts
        if f.type in params.violence_types
        and subject.id in f.about
        and (not f.harmed or any(p in roles.protected for p in f.harmed))
    )


def danger(
    subject: Person | None,
    facts: Sequence[Fact],
    roles: CaseRoles,
    results: Sequence[InstrumentResult],
    params: DangerParameters,
) -> Criterion:
    """art. 2 lid 1 Wth: serious and immediate danger, or a serious suspicion of it.

    Met when there is violence or threat by the person (``danger.violence_types``) and the risk
    instrument ``danger.instrument`` shows it: at least ``min_red_in_one_part`` reds within one
    part (the RiHG decision rule), a red on one of ``sufficient_red_signals``, or a conclusion in
    ``sufficient_conclusions``. The reason cites the facts of the signals that carry it.
    """
    article = "art. 2 lid 1 Wth"
    if subject is None:
        return Criterion("danger", article, False, (finding("danger.no_perpetrator"),))
    by_id = {r.id: r for r in results}
    main = by_id.get(params.instrument)
    if main is None:
        raise ParameterSetError(f"danger.instrument: '{params.instrument}' was not applied")
    violence = violence_facts(subject, facts, roles, params)
    if not violence:
        return Criterion("danger", article, False, (finding("danger.no_violence_or_threat"),))
    grounds = [*_red_parts(main, params), *_sufficient_signals(main, params), *_conclusions(by_id, params)]
    if grounds:
        return Criterion("danger", article, True, tuple(grounds))
    most = max(main.parts, key=lambda part: len(part.with_rating(Rating.RED)))
    return Criterion(
        "danger", article, False, (_part_finding("danger.threshold_not_met", main, most, params),)
    )


def _part_finding(code: str, main: InstrumentResult, part: PartResult, params: DangerParameters) -> Finding:
    """The reds of one part, against the threshold of the decision rule."""
    reds = part.with_rating(Rating.RED)
    return finding(
        code,
        merge_facts(*(s.facts for s in reds)),
        instrument=main.id,
        part=part.id,
        count=len(reds),
        threshold=params.min_red_in_one_part,
        signals=tuple(s.id for s in reds),
    )


def _red_parts(main: InstrumentResult, params: DangerParameters) -> list[Finding]:
    return [
        _part_finding("danger.red_in_part", main, part, params)
        for part in main.parts
        if len(part.with_rating(Rating.RED)) >= params.min_red_in_one_part
    ]


def _sufficient_signals(main: InstrumentResult, params: DangerParameters) -> list[Finding]:
    return [
        finding("danger.sufficient_signal", signal.facts, instrument=main.id, signal=signal.id)
        for signal in main.signals()
        if signal.id in params.sufficient_red_signals and signal.rating == Rating.RED
    ]


def _conclusions(by_id: dict[str, InstrumentResult], params: DangerParameters) -> list[Finding]:
    grounds = []
    for instrument_id, conclusion in sorted(params.sufficient_conclusions):
        result = by_id.get(instrument_id)
        if result is None or result.conclusion != conclusion:
            continue
        carried = [s for s in result.signals() if s.id in result.conclusion_signals]
        facts = merge_facts(*(s.facts for s in carried))
        grounds.append(
            finding("danger.sufficient_conclusion", facts, instrument=instrument_id, conclusion=conclusion)
        )
    return grounds
