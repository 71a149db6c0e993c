"""Typed objects for one case file (``huisverbod-casus/1``).

The objects keep what the file said exactly as written (date texts, which optional keys were
present, keys this version does not know), so that writing a parsed file gives back the same JSON
object. ``None`` means "the key was absent"; an empty tuple means "present and empty".
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from huisverbod.core.casefile.vocabulary import (
    DatePrecision,
    FactGroup,
    OrderImposedBy,
    OrganisationKind,
    Origin,
    RelationshipKind,
    Residence,
    Role,
    Sex,
    TriggerKind,
    fact_group,
)

EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Instant:
    """An ISO 8601 date-time with offset, with the text as the file wrote it."""

    text: str
    value: datetime  # always timezone-aware

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class FactDate:
    """A fact's date: a day, a month or a year, as written."""

    text: str
    precision: DatePrecision
    start: date  # first day the date can mean
    end: date  # last day the date can mean

    @classmethod
    def from_parts(cls, text: str, year: int, month: int | None, day: int | None) -> FactDate:
        if month is None:
            return cls(text, DatePrecision.YEAR, date(year, 1, 1), date(year, 12, 31))
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return cls(text, DatePrecision.MONTH, date(year, month, 1), date(year, month, last))
        exact = date(year, month, day)
        return cls(text, DatePrecision.DAY, exact, exact)


@dataclass(frozen=True)
class Trigger:
    kind: TriggerKind
    requested_by: OrganisationKind | None = None
    extra: Mapping[str, Any] = EMPTY


@dataclass(frozen=True)
class Dwelling:
    street: str
    house_number: str
    postcode: str
    city: str
    extra: Mapping[str, Any] = EMPTY

    def one_line(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.city}"


@dataclass(frozen=True)
class Person:
    id: str
    given_names: str
    surname: str
    birth_date: date
    role: Role
    residence: Residence
    sex: Sex | None = None
    note: str | None = None
    birth_date_text: str = ""
    extra: Mapping[str, Any] = EMPTY

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()

    def age_on(self, day: date) -> int:
        """Completed years of age on ``day`` (a birthday counts from its start)."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (1 if before_birthday else 0)


@dataclass(frozen=True)
class Relationship:
    between: tuple[str, str]
    kind: RelationshipKind
    extra: Mapping[str, Any] = EMPTY

    def involves(self, person_id: str) -> bool:
        return person_id in self.between


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    about: tuple[str, ...]
    source: OrganisationKind
    origin: Origin
    text: str
    date: FactDate | None = None
    against: tuple[str, ...] | None = None
    stated_by: str | None = None
    extra: Mapping[str, Any] = EMPTY

    @property
    def group(self) -> FactGroup:
        return fact_group(self.type)

    @property
    def harmed(self) -> tuple[str, ...]:
        return self.against or ()


@dataclass(frozen=True)
class Order:
    imposed_at: Instant
    imposed_by: OrderImposedBy
    oral: bool | None = None
    extended_until: Instant | None = None
    extra: Mapping[str, Any] = EMPTY


@dataclass(frozen=True)
class CaseFile:
    format: str
    id: str
    assessment_time: Instant
    trigger: Trigger
    dwelling: Dwelling
    persons: tuple[Person, ...]
    facts: tuple[Fact, ...]
    title: str | None = None
    relationships: tuple[Relationship, ...] | None = None
    order: Order | None = None
    extra: Mapping[str, Any] = EMPTY
    _persons_by_id: Mapping[str, Person] = field(default=EMPTY, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_persons_by_id", MappingProxyType({p.id: p for p in self.persons}))

    def person(self, person_id: str) -> Person:
        return self._persons_by_id[person_id]

    def persons_with_role(self, role: Role) -> tuple[Person, ...]:
        return tuple(p for p in self.persons if p.role == role)

    @property
    def all_relationships(self) -> tuple[Relationship, ...]:
        return self.relationships or ()

    def relationships_of(self, person_id: str) -> tuple[Relationship, ...]:
        return tuple(r for r in self.all_relationships if r.involves(person_id))

    def with_facts(self, facts: tuple[Fact, ...]) -> CaseFile:
        """The same case with another set of facts (e.g. only some sources' facts)."""
        return CaseFile(
            format=self.format,
            id=self.id,
            assessment_time=self.assessment_time,
            trigger=self.trigger,
            dwelling=self.dwelling,
            persons=self.persons,
            facts=facts,
            title=self.title,
            relationships=self.relationships,
            order=self.order,
            extra=self.extra,
        )

    def restricted_to_sources(self, sources: frozenset[OrganisationKind]) -> CaseFile:
        return self.with_facts(tuple(f for f in self.facts if f.source in sources))

    @property
    def sources(self) -> tuple[OrganisationKind, ...]:
        """The sources that supplied facts, in the vocabulary's order."""
        present = {f.source for f in self.facts}
        return tuple(kind for kind in OrganisationKind if kind in present)
