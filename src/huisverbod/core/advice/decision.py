"""The advice on the huisverbod itself, from the statutory criteria (art. 2 Wth)."""

from __future__ import annotations

from enum import StrEnum

from huisverbod.core.law.criteria import Criterion
from huisverbod.core.law.findings import Finding


class Huisverbod(StrEnum):
    IMPOSE = "impose"
    DO_NOT_IMPOSE = "do_not_impose"
    NOT_POSSIBLE = "not_possible"  # a statutory condition that does not depend on the risk fails


def decide(
    adult: Criterion, residence: Criterion, danger: Criterion
) -> tuple[Huisverbod, tuple[Finding, ...]]:
    """not_possible when art. 2 lid 1 (residence) or lid 2 (adult) fails; otherwise impose exactly
    when the danger criterion of art. 2 lid 1 is met. The reasons are the criteria's findings."""
    failing = [c for c in (adult, residence) if not c.met]
    if failing:
        return Huisverbod.NOT_POSSIBLE, tuple(f for c in failing for f in c.findings)
    if danger.met:
        return Huisverbod.IMPOSE, danger.findings
    return Huisverbod.DO_NOT_IMPOSE, danger.findings
