"""Two views of one case side by side: what each source added and how each rating moved.

The seed document's "huidige scenario" is the police deciding alone; the "gewenste scenario" is
police and Veilig Thuis together ("samen-op-in-acuut"). Both are the same engine on other
sources (DESIGN.md: the police-only view is the same engine on fewer sources).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from huisverbod.core.assessment.engine import assess
from huisverbod.core.assessment.result import AssessmentResult
from huisverbod.core.casefile.model import CaseFile
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.instruments.base import Rating
from huisverbod.core.instruments.overrides import ItemOverride
from huisverbod.core.law.parameters import LawParameters


@dataclass(frozen=True)
class Comparison:
    a: AssessmentResult  # e.g. police only
    b: AssessmentResult  # e.g. joint

    def to_dict(self) -> dict[str, Any]:
        a_facts = {f.id for f in self.a.casefile.facts}
        b_facts = {f.id for f in self.b.casefile.facts}
        return {
            "case": self.b.casefile.id,
            "a": _summary(self.a),
            "b": _summary(self.b),
            "facts_added": _by_source(self.b, b_facts - a_facts),
            "facts_removed": _by_source(self.a, a_facts - b_facts),
            "criteria": [_change(c.id, self.a.criterion(c.id).met, c.met) for c in self.b.criteria],
            "signals": self._signals(a_facts),
            "conclusions": [
                {"instrument": rb.id, **_change("conclusion", ra.conclusion, rb.conclusion)}
                for ra, rb in zip(self.a.run.results, self.b.run.results, strict=True)
            ],
            "measures": [
                _change(mb.id, ma.advised, mb.advised)
                for ma, mb in zip(self.a.advice.measures, self.b.advice.measures, strict=True)
            ],
            "advice": _change("huisverbod", self.a.advice.huisverbod.value, self.b.advice.huisverbod.value),
        }

    def _signals(self, a_facts: set[str]) -> list[dict[str, Any]]:
        rows = []
        for ra, rb in zip(self.a.run.results, self.b.run.results, strict=True):
            for pa, pb in zip(ra.parts, rb.parts, strict=True):
                for sa, sb in zip(pa.signals, pb.signals, strict=True):
                    rows.append(
                        {
                            "instrument": rb.id,
                            "part": pb.id,
                            "signal": sb.id,
                            **_change("rating", sa.rating.value, sb.rating.value),
                            "facts_added": [f for f in sb.facts if f not in a_facts],
                        }
                    )
        return rows


def _change(key: str, a: Any, b: Any) -> dict[str, Any]:
    return {"id": key, "a": a, "b": b, "changed": a != b}


def _summary(result: AssessmentResult) -> dict[str, Any]:
    return {
        "sources": list(result.sources),
        "huisverbod": result.advice.huisverbod.value,
        "route": result.advice.route.value if result.advice.route is not None else None,
        "possible": result.possible,
        "danger": result.criterion("danger").met,
        "red_signals": result.red_count(),
        "blue_signals": sum(r.count(Rating.BLUE) for r in result.run.results),
        "conclusions": {r.id: r.conclusion for r in result.run.results},
    }


def _by_source(result: AssessmentResult, fact_ids: set[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for fact in result.casefile.facts:
        if fact.id in fact_ids:
            grouped.setdefault(fact.source.value, []).append(fact.id)
    return grouped


def compare(
    casefile: CaseFile,
    sources_a: frozenset[OrganisationKind],
    sources_b: frozenset[OrganisationKind] | None = None,
    *,
    parameters: LawParameters | None = None,
    overrides: Sequence[ItemOverride] = (),
) -> Comparison:
    """``sources_a`` against ``sources_b`` (default: every source, the joint view)."""
    return Comparison(
        a=assess(casefile, sources=sources_a, parameters=parameters, overrides=overrides),
        b=assess(casefile, sources=sources_b, parameters=parameters, overrides=overrides),
    )
