"""The shared item bank: yes/no questions answered from the case file's facts.

Each item names the fact types that answer it "yes", with conditions that keep the answer honest:
whom the fact is about (the perpetrator, a protected person, a minor), whom it harmed, and how
recent it is relative to the assessment, read with the fact's date precision. An item is
answered once per assessment and every instrument that references it reads the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from huisverbod.core.casefile.model import Fact
from huisverbod.core.casefile.vocabulary import FACT_TYPES, OrganisationKind
from huisverbod.core.instruments.base import CaseRoles, ItemAnswer
from huisverbod.core.instruments.errors import DefinitionError


class Subject(StrEnum):
    """Whom a fact must be about (``about``) or must have harmed (``against``)."""

    ANY = "any"
    PERPETRATOR = "perpetrator"
    PROTECTED = "protected"
    MINOR = "minor"
    # Only for ``against``: the fact names a protected person, or names nobody.
    PROTECTED_OR_UNSPECIFIED = "protected_or_unspecified"


@dataclass(frozen=True)
class Condition:
    """One way to answer an item "yes": at least ``min_facts`` facts that pass every test."""

    types: frozenset[str]
    about: Subject = Subject.ANY
    against: Subject = Subject.ANY
    within_days: int | None = None  # the fact certainly happened at most this many days ago
    older_than_days: int | None = None  # the fact certainly happened longer ago than this
    undated: bool = True  # whether a fact without a date (a standing condition) counts
    min_facts: int = 1

    def matching(self, facts: Iterable[Fact], roles: CaseRoles) -> tuple[Fact, ...]:
        found = tuple(f for f in facts if self._matches(f, roles))
        return found if len(found) >= self.min_facts else ()

    def _matches(self, fact: Fact, roles: CaseRoles) -> bool:
        return (
            fact.type in self.types
            and _names(fact.about, self.about, roles)
            and _names(fact.harmed, self.against, roles)
            and self._in_time(fact, roles)
        )

    def _in_time(self, fact: Fact, roles: CaseRoles) -> bool:
        if fact.date is None:
            return self.undated and self.older_than_days is None
        if fact.date.start > roles.day:
            return False  # dated after the assessment: not known at the time
        if self.within_days is not None and fact.date.start < roles.day - timedelta(days=self.within_days):
            # The earliest day the date can mean lies outside the window: not certainly recent.
            return False
        # The latest day the date can mean must lie before the window: certainly old.
        return self.older_than_days is None or fact.date.end < roles.day - timedelta(
            days=self.older_than_days
        )


def _names(person_ids: tuple[str, ...], subject: Subject, roles: CaseRoles) -> bool:
    if subject is Subject.ANY:
        return True
    if subject is Subject.PROTECTED_OR_UNSPECIFIED:
        return not person_ids or any(p in roles.protected for p in person_ids)
    group = {
        Subject.PERPETRATOR: roles.perpetrators,
        Subject.PROTECTED: roles.protected,
        Subject.MINOR: roles.minors,
    }[subject]
    return any(p in group for p in person_ids)


@dataclass(frozen=True)
class ItemDefinition:
    id: str
    question: Mapping[str, str]  # language -> text
    conditions: tuple[Condition, ...]  # any one suffices

    def fact_types(self) -> frozenset[str]:
        return frozenset(t for c in self.conditions for t in c.types)

    def answer(self, facts: Sequence[Fact], roles: CaseRoles) -> ItemAnswer:
        found = {f.id for c in self.conditions for f in c.matching(facts, roles)}
        supporting = tuple(f for f in facts if f.id in found)  # file order
        return ItemAnswer(
            item=self.id,
            answer=bool(supporting),
            facts=tuple(f.id for f in supporting),
            sources=sources_of(supporting),
        )


def sources_of(facts: Iterable[Fact]) -> tuple[str, ...]:
    """The sources of ``facts`` in the vocabulary's order."""
    present = {f.source for f in facts}
    return tuple(kind.value for kind in OrganisationKind if kind in present)


def answer_items(
    items: Iterable[ItemDefinition], facts: Sequence[Fact], roles: CaseRoles
) -> dict[str, ItemAnswer]:
    return {item.id: item.answer(facts, roles) for item in items}


# -- reading the bank from TOML ---------------------------------------------------------------

CONDITION_KEYS = {"types", "about", "against", "within_days", "older_than_days", "undated", "min_facts"}


def parse_item(data: Mapping[str, Any], where: str) -> ItemDefinition:
    item_id = data.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise DefinitionError(f"{where}.id: required text")
    question = data.get("question")
    if not isinstance(question, dict) or not all(isinstance(v, str) for v in question.values()):
        raise DefinitionError(f"{where}.question: required table of texts per language")
    conditions = data.get("when")
    if not isinstance(conditions, list) or not conditions:
        raise DefinitionError(f"{where}.when: at least one condition required")
    return ItemDefinition(
        id=item_id,
        question=dict(question),
        conditions=tuple(_parse_condition(c, f"{where}.when[{i}]") for i, c in enumerate(conditions)),
    )


def _parse_condition(data: Any, where: str) -> Condition:
    if not isinstance(data, dict):
        raise DefinitionError(f"{where}: expected a table")
    unknown = sorted(set(data) - CONDITION_KEYS)
    if unknown:
        raise DefinitionError(f"{where}: unknown key(s) {', '.join(unknown)}")
    types = data.get("types")
    if not isinstance(types, list) or not types:
        raise DefinitionError(f"{where}.types: at least one fact type required")
    bad = sorted(str(t) for t in types if t not in FACT_TYPES)
    if bad:
        raise DefinitionError(f"{where}.types: unknown fact type(s) {', '.join(bad)}")
    try:
        about = Subject(data.get("about", "any"))
        against = Subject(data.get("against", "any"))
    except ValueError as exc:
        raise DefinitionError(f"{where}: {exc}") from exc
    if about is Subject.PROTECTED_OR_UNSPECIFIED:
        raise DefinitionError(f"{where}.about: 'protected_or_unspecified' is only for 'against'")
    return Condition(
        types=frozenset(types),
        about=about,
        against=against,
        within_days=_optional_int(data, "within_days", where),
        older_than_days=_optional_int(data, "older_than_days", where),
        undated=_bool(data, "undated", where, default=True),
        min_facts=_optional_int(data, "min_facts", where) or 1,
    )


def _optional_int(data: Mapping[str, Any], key: str, where: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DefinitionError(f"{where}.{key}: expected a whole number of at least 0")
    return value


def _bool(data: Mapping[str, Any], key: str, where: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise DefinitionError(f"{where}.{key}: expected true or false")
    return value
