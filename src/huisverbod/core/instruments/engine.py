"""The one engine: answer the shared items once, apply overrides, let each instrument rate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from huisverbod.core.casefile.model import Fact
from huisverbod.core.instruments.base import CaseRoles, Instrument, InstrumentResult, ItemAnswer
from huisverbod.core.instruments.items import answer_items
from huisverbod.core.instruments.overrides import ItemOverride, apply_overrides, check_overrides
from huisverbod.core.instruments.registry import Registry


@dataclass(frozen=True)
class InstrumentRun:
    answers: Mapping[str, ItemAnswer]  # every item any of the instruments asks, answered once
    results: tuple[InstrumentResult, ...]  # in the order the instruments were given
    overrides_not_applied: tuple[ItemOverride, ...]  # "yes" overrides whose facts are not in view

    def result(self, instrument_id: str) -> InstrumentResult | None:
        return next((r for r in self.results if r.id == instrument_id), None)


def run_instruments(
    registry: Registry,
    instruments: Sequence[Instrument],
    facts: Sequence[Fact],
    roles: CaseRoles,
    *,
    overrides: Sequence[ItemOverride] = (),
    file_facts: Sequence[Fact] | None = None,
) -> InstrumentRun:
    """Run ``instruments`` on ``facts`` (one view of the file).

    ``file_facts`` are all facts of the file, against which overrides are checked; it defaults to
    ``facts``.
    """
    asked = frozenset(item for instrument in instruments for item in instrument.item_ids())
    check_overrides(overrides, asked, file_facts if file_facts is not None else facts)
    bank = registry.items
    prefilled = answer_items((bank[item] for item in sorted(asked)), facts, roles)
    answers, skipped = apply_overrides(prefilled, overrides, facts)
    return InstrumentRun(
        answers=answers,
        results=tuple(instrument.evaluate(answers) for instrument in instruments),
        overrides_not_applied=skipped,
    )
