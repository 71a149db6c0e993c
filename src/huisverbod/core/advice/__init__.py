"""The advice: the huisverbod itself, its route, and every other measure weighed.

- ``decision.py``: impose, do_not_impose or not_possible, from the criteria of art. 2 Wth;
- ``route.py``: acute (after a current incident) or planned (structural violence);
- ``measures.py``: each measure of the administrative, criminal, civil, care and youth tracks;
- ``offences.py``: which facts open the criminal track.
"""

from __future__ import annotations

from dataclasses import dataclass

from huisverbod.core.advice.context import AdviceContext
from huisverbod.core.advice.decision import Huisverbod, decide
from huisverbod.core.advice.measures import Measure, Track, weigh
from huisverbod.core.advice.route import Route, choose_route
from huisverbod.core.law.findings import Finding


@dataclass(frozen=True)
class Advice:
    huisverbod: Huisverbod
    route: Route | None  # only when the advice is to impose
    route_finding: Finding | None
    findings: tuple[Finding, ...]  # why the huisverbod advice is what it is
    measures: tuple[Measure, ...]

    @property
    def protects_instead(self) -> tuple[str, ...]:
        """When no order is advised: the advised measures that protect the victim instead."""
        if self.huisverbod == Huisverbod.IMPOSE:
            return ()
        return tuple(m.id for m in self.measures if m.advised and m.id != "huisverbod")


def advise(ctx: AdviceContext, decision_findings: tuple[Finding, ...]) -> Advice:
    route_params = ctx.params.need(ctx.params.route, "route")
    route, route_finding = choose_route(ctx.casefile.trigger, ctx.current_incident, route_params)
    imposed = ctx.decision == Huisverbod.IMPOSE
    return Advice(
        huisverbod=ctx.decision,
        route=route if imposed else None,
        route_finding=route_finding if imposed else None,
        findings=decision_findings,
        measures=weigh(ctx, decision_findings),
    )


__all__ = ["Advice", "AdviceContext", "Huisverbod", "Measure", "Route", "Track", "advise", "decide"]
