"""The result of one assessment, and its output-contract JSON (shared/casefile/README.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from huisverbod.core.advice import Advice
from huisverbod.core.assessment.messages import render
from huisverbod.core.calendar.instants import isoformat
from huisverbod.core.casefile.model import CaseFile, Person
from huisverbod.core.instruments.base import Instrument, InstrumentResult, Rating
from huisverbod.core.instruments.engine import InstrumentRun
from huisverbod.core.instruments.overrides import ItemOverride
from huisverbod.core.law.criteria import Criterion
from huisverbod.core.law.findings import Finding
from huisverbod.core.law.order import OrderDates
from huisverbod.core.law.requirements import Requirement


@dataclass(frozen=True)
class AssessmentResult:
    casefile: CaseFile  # the view: only the facts of ``sources``
    sources: tuple[str, ...]
    parameter_set: str
    subject: Person | None
    criteria: tuple[Criterion, ...]  # adult, residence, danger
    requirements: tuple[Requirement, ...]
    instruments: tuple[Instrument, ...]
    run: InstrumentRun
    advice: Advice
    order: OrderDates | None
    overrides: tuple[ItemOverride, ...] = ()

    @property
    def possible(self) -> bool:
        """art. 2 Wth conditions that do not depend on the risk: adult and residence."""
        return all(c.met for c in self.criteria if c.id in ("adult", "residence"))

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def red_count(self) -> int:
        return sum(result.count(Rating.RED) for result in self.run.results)

    # -- text ------------------------------------------------------------------------------

    def label(self, instrument_id: str, key: str, language: str) -> str:
        instrument = next((i for i in self.instruments if i.id == instrument_id), None)
        return instrument.label(key, language) if instrument is not None else key

    def text(self, findings: Sequence[Finding], language: str) -> str:
        return " ".join(render(f, language, lambda i, k: self.label(i, k, language)) for f in findings)

    # -- the contract ----------------------------------------------------------------------

    def to_contract(self, language: str = "en") -> dict[str, Any]:
        """Exactly the output contract, plus extra keys the contract allows (reason codes,
        parameters and facts behind each reason, item answers with their sources).
        ``language`` chooses the text of the reasons; the contract itself is English."""
        data: dict[str, Any] = {
            "case": self.casefile.id,
            "sources": list(self.sources),
            "parameter_set": self.parameter_set,
            "assessment_time": self.casefile.assessment_time.text,
            "perpetrator": self.subject.id if self.subject is not None else None,
            "legal": {
                "possible": self.possible,
                "criteria": [self._criterion(c, language) for c in self.criteria],
                "requirements": [self._requirement(r, language) for r in self.requirements],
            },
            "instruments": [self._instrument(r, language) for r in self.run.results],
            "advice": self._advice(language),
        }
        if self.run.overrides_not_applied:
            data["overrides_not_applied"] = [o.item for o in self.run.overrides_not_applied]
        if self.order is not None:
            data["order"] = {
                "imposed_at": isoformat(self.order.imposed_at),
                "ends_at": isoformat(self.order.ends_at),
                "latest_extension_end": isoformat(self.order.latest_extension_end),
                "parameter_set": self.order.parameter_set,
            }
        return data

    def _criterion(self, criterion: Criterion, language: str) -> dict[str, Any]:
        return {
            "id": criterion.id,
            "met": criterion.met,
            "reason": self.text(criterion.findings, language),
            "facts": list(criterion.facts),
            "article": criterion.article,
            "findings": [_finding(f) for f in criterion.findings],
        }

    def _requirement(self, requirement: Requirement, language: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": requirement.id,
            "reason": self.text((requirement.finding,), language),
            "article": requirement.article,
            **_finding(requirement.finding),
        }
        if requirement.due_by is not None:
            data["due_by"] = isoformat(requirement.due_by)
        return data

    def _instrument(self, result: InstrumentResult, language: str) -> dict[str, Any]:
        return {
            "id": result.id,
            "version": result.version,
            "parts": [
                {
                    "id": part.id,
                    "signals": [
                        {
                            "id": signal.id,
                            "rating": signal.rating.value,
                            "facts": list(signal.facts),
                            "items": [answer.to_dict() for answer in signal.items],
                        }
                        for signal in part.signals
                    ],
                }
                for part in result.parts
            ],
            "conclusion": result.conclusion,
            "conclusion_text": self.label(result.id, result.conclusion, language),
            "conclusion_signals": list(result.conclusion_signals),
            "matched_conclusions": list(result.matched),
        }

    def _advice(self, language: str) -> dict[str, Any]:
        advice = self.advice
        reason = self.text(advice.findings, language)
        measures = []
        for measure in advice.measures:
            text = self.text((measure.finding,), language)
            if measure.id == "huisverbod":
                text = f"{text} {reason}"
            measures.append(
                {
                    "id": measure.id,
                    "track": measure.track.value,
                    "advised": measure.advised,
                    "reason": text,
                    "facts": list(measure.finding.facts),
                    "basis": measure.basis,
                    **_finding(measure.finding),
                }
            )
        return {
            "huisverbod": advice.huisverbod.value,
            # Present when the advice is to impose; null otherwise (no order, so no route).
            "route": advice.route.value if advice.route is not None else None,
            "route_reason": self.text((advice.route_finding,), language) if advice.route_finding else None,
            "reason": reason,
            "measures": measures,
            "protects_instead": list(advice.protects_instead),
        }


def _finding(found: Finding) -> dict[str, Any]:
    return {"code": found.code, "params": found.params_json()}
