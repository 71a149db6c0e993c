"""What the measures are weighed on: the criteria, the instrument answers and the key facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from huisverbod.core.advice.decision import Huisverbod
from huisverbod.core.casefile.model import CaseFile, Fact, Person
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments.base import CaseRoles, Rating
from huisverbod.core.instruments.engine import InstrumentRun
from huisverbod.core.law.criteria import Criterion
from huisverbod.core.law.parameters import LawParameters
from huisverbod.core.law.persons import resides

# Outcomes of a safety assessment in the Meldcode's terms (afweging 2), whichever instrument
# reaches them.
ACUTE_UNSAFETY = "acute_unsafety"
STRUCTURAL_UNSAFETY = "structural_unsafety"


@dataclass(frozen=True)
class AdviceContext:
    casefile: CaseFile  # the view: only the facts of the chosen sources
    subject: Person | None
    roles: CaseRoles
    params: LawParameters
    criteria: Mapping[str, Criterion]  # adult, residence, danger
    decision: Huisverbod
    run: InstrumentRun
    violence: tuple[Fact, ...]  # domestic violence or threat by the person (law.criteria)
    offences: tuple[Fact, ...]  # of those and others: criminal offences (offences.py)
    current_incident: tuple[Fact, ...]  # advice/route.py
    child_abuse: tuple[Fact, ...]  # law/requirements.py, art. 2 lid 3

    def yes(self, item: str) -> tuple[str, ...]:
        """The facts behind a "yes" to a shared item; empty when no or not asked."""
        answer = self.run.answers.get(item)
        return answer.facts if answer is not None and answer.answer else ()

    def facts_of(self, *types: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.casefile.facts if f.type in types)

    def concluded(self, conclusion: str) -> tuple[str, ...] | None:
        """The facts of the signals that carried ``conclusion`` in any instrument, or None."""
        for result in self.run.results:
            if result.conclusion == conclusion:
                carried = [s for s in result.signals() if s.id in result.conclusion_signals]
                return tuple(dict.fromkeys(f for s in carried for f in s.facts))
        return None

    @property
    def danger_met(self) -> bool:
        return self.criteria["danger"].met

    @property
    def red_signals(self) -> int:
        danger = self.params.need(self.params.danger, "danger")
        result = self.run.result(danger.instrument)
        return result.count(Rating.RED) if result is not None else 0

    @property
    def residence_fails(self) -> bool:
        return not self.criteria["residence"].met

    @property
    def subject_is_minor(self) -> bool:
        return self.subject is not None and self.subject.id in self.roles.minors

    @property
    def veilig_thuis_involved(self) -> bool:
        return any(f.source == OrganisationKind.VEILIG_THUIS for f in self.casefile.facts)

    @property
    def resident_minors(self) -> tuple[Person, ...]:
        return tuple(
            p
            for p in self.casefile.persons
            if p.id in self.roles.minors and p.id not in self.roles.perpetrators and resides(p, self.params)
        )
