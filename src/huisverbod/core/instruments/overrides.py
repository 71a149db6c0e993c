"""A professional confirms or corrects a prefilled item answer, with a written reason.

Ratings must stay traceable to facts: courts annulled orders whose RiHG ratings could not be
traced to documented facts (Hilversum; openbareorderecht.nl). So an override to "yes" must cite at
least one fact of the file; an override to "no" needs only the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from huisverbod.core.casefile.model import Fact
from huisverbod.core.instruments.base import AnswerOrigin, ItemAnswer
from huisverbod.core.instruments.errors import OverrideError
from huisverbod.core.instruments.items import sources_of


@dataclass(frozen=True)
class ItemOverride:
    item: str  # an item-bank id; the answer holds for every instrument that asks it
    answer: bool
    reason: str
    facts: tuple[str, ...] = ()  # fact ids that support the answer (required for "yes")
    by: str | None = None  # who decided, for the record


def check_overrides(
    overrides: Sequence[ItemOverride], known_items: Iterable[str], all_facts: Sequence[Fact]
) -> None:
    """Refuse overrides that could not stand: the message names the override and what is wrong."""
    items = set(known_items)
    fact_ids = {f.id for f in all_facts}
    seen: set[str] = set()
    for index, override in enumerate(overrides):
        where = f"overrides[{index}] ({override.item})"
        if override.item not in items:
            raise OverrideError(f"{where}: unknown item")
        if override.item in seen:
            raise OverrideError(f"{where}: the item is overridden twice")
        seen.add(override.item)
        if not override.reason.strip():
            raise OverrideError(f"{where}: a written reason is required")
        unknown = [f for f in override.facts if f not in fact_ids]
        if unknown:
            raise OverrideError(f"{where}: unknown fact(s) {', '.join(unknown)}")
        if override.answer and not override.facts:
            raise OverrideError(f"{where}: a 'yes' must cite at least one fact of the file")


def apply_overrides(
    answers: Mapping[str, ItemAnswer], overrides: Sequence[ItemOverride], facts: Sequence[Fact]
) -> tuple[dict[str, ItemAnswer], tuple[ItemOverride, ...]]:
    """The answers with the overrides applied, and the overrides that could not apply here.

    ``facts`` are the facts of this view (e.g. police only). A "yes" whose cited facts all lie
    outside the view does not apply in that view: the view must stay traceable to its own facts.
    """
    in_view = {f.id: f for f in facts}
    result = dict(answers)
    skipped: list[ItemOverride] = []
    for override in overrides:
        if override.item not in result:
            continue  # no instrument of this assessment asks the item
        cited = [in_view[f] for f in override.facts if f in in_view]
        if override.answer and not cited:
            skipped.append(override)
            continue
        result[override.item] = ItemAnswer(
            item=override.item,
            answer=override.answer,
            facts=tuple(f.id for f in cited),
            sources=sources_of(cited),
            origin=AnswerOrigin.OVERRIDDEN,
            reason=override.reason,
        )
    return result, tuple(skipped)
