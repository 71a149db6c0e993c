"""The rows the generator writes: one per registry record, with the known truth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

POLICE = "police"
VEILIG_THUIS = "veilig_thuis"
REGISTRIES = (POLICE, VEILIG_THUIS)


@dataclass(frozen=True, slots=True)
class RegistryRow:
    registry: str
    record_id: str
    registry_person_id: str  # the registry's own person number (may be a double registration)
    person_truth_id: int  # the known truth: which synthetic person this record is about
    bsn: str | None
    given_names: str
    prefix: str  # tussenvoegsel as the registry holds it ("van den", "Van den" or "")
    surname: str  # the surname without the prefix in ``prefix``
    surname_full: str  # prefix and surname joined as written ("van den Berg")
    birth_date: date | None
    sex: str | None  # "M", "F", or None (unknown)
    street: str | None
    house_number: str | None
    postcode: str | None
    city: str | None
    noise: tuple[str, ...]  # the noise applied to this record, e.g. ("bsn_missing", "surname_typo")


@dataclass(frozen=True, slots=True)
class PoliceRecord(RegistryRow):
    incident_date: date
    incident_type: str


@dataclass(frozen=True, slots=True)
class VeiligThuisRecord(RegistryRow):
    melding_date: date
    outcome: str  # VT-00 ... VT-99 (JZV UitkomstMelding status)


@dataclass(frozen=True, slots=True)
class CasePerson:
    """A person as a professional types them into a case: the benchmark's query, with its truth."""

    case_person_id: str
    person_truth_id: int
    given_names: str
    prefix: str
    surname: str
    birth_date: date | None
    sex: str | None
    bsn: str | None
    street: str | None
    house_number: str | None
    postcode: str | None
    noise: tuple[str, ...]
