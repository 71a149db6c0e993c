"""What the matcher reads: a person (from a case) and registry records.

Both are protocols, so a synthetic row, a Django model instance or a plain dataclass can be
matched as long as it has these attributes. ``prefix`` may be empty with the prefix inside
``surname`` ("van der Berg"); the matcher parses both forms the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol


class PersonLike(Protocol):
    @property
    def given_names(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def surname(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def sex(self) -> str | None: ...  # "M", "F", "X" or None (unknown)
    @property
    def bsn(self) -> str | None: ...
    @property
    def street(self) -> str | None: ...
    @property
    def house_number(self) -> str | None: ...
    @property
    def postcode(self) -> str | None: ...


class RecordLike(PersonLike, Protocol):
    """A registry record: one melding or one police registration about one person."""

    @property
    def record_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PersonQuery:
    """A person as a professional knows them in a case; only names and birth date required."""

    given_names: str
    surname: str
    birth_date: date | None
    prefix: str = ""
    sex: str | None = None
    bsn: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Record(PersonQuery):
    """A plain registry record, for tests and for back-ends that have no class of their own."""

    record_id: str
    registry_person_id: str | None = None  # the registry's own person number, when it has one
