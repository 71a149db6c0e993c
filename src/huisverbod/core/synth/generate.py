"""The generator: a stream of households, each with its police and Veilig Thuis records.

Everything follows from ``SynthConfig`` (the seed, the sizes, the noise profile), so the same
config gives the same records, byte for byte. Nothing is kept between households except
counters, so memory stays flat however many records are asked for; consume the stream in
chunks (``registry_chunks``) and write each chunk out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from random import Random

from huisverbod.core.synth.population import HISTORY_START, Household, PopulationBuilder, TruePerson
from huisverbod.core.synth.profile import STANDARD, NoiseProfile, RegistryNoise
from huisverbod.core.synth.render import render
from huisverbod.core.synth.rows import (
    POLICE,
    VEILIG_THUIS,
    CasePerson,
    PoliceRecord,
    RegistryRow,
    VeiligThuisRecord,
)
from huisverbod.core.synth.tables import Tables, load_tables

GENERATOR_VERSION = "synth/1"
_MEMBERSHIP = {
    "both": (POLICE, VEILIG_THUIS),
    "police": (POLICE,),
    "veilig_thuis": (VEILIG_THUIS,),
    "none": (),
}


@dataclass(frozen=True)
class SynthConfig:
    seed: int = 1
    police_records: int = 1_000
    veilig_thuis_records: int | None = None  # default: half the police records
    profile: NoiseProfile = field(default=STANDARD)
    today: date = date(2025, 6, 1)  # records are dated before it; case persons are typed on it

    @property
    def target(self) -> dict[str, int]:
        vt = self.police_records // 2 if self.veilig_thuis_records is None else self.veilig_thuis_records
        return {POLICE: self.police_records, VEILIG_THUIS: vt}


@dataclass(frozen=True, slots=True)
class GeneratedHousehold:
    household: Household
    police: tuple[PoliceRecord, ...]
    veilig_thuis: tuple[VeiligThuisRecord, ...]

    def rows(self, registry: str) -> tuple[RegistryRow, ...]:
        return self.police if registry == POLICE else self.veilig_thuis


class _RegistryWriter:
    """Makes one registry's records: record ids, registry person ids, dates, noise."""

    def __init__(
        self,
        registry: str,
        noise: RegistryNoise,
        limit: int,
        tables: Tables,
        today: date,
        *,
        start: date = HISTORY_START,  # records are dated from ``start`` to the day before ``today``
        id_prefix: str = "",  # before record and person numbers ("H" for the national history)
    ):
        self.registry = registry
        self.start = start
        self.id_prefix = id_prefix
        self.noise = noise
        self.limit = limit
        self.tables = tables
        self.today = today
        self.count = 0
        self.person_numbers = 0

    @property
    def full(self) -> bool:
        return self.count >= self.limit

    def _new_person_number(self) -> str:
        self.person_numbers += 1
        letter = "P" if self.registry == POLICE else "C"
        return f"{self.id_prefix}{letter}{self.person_numbers:08d}"

    def records(self, household: Household, rng: Random) -> list[RegistryRow]:
        noise, members = self.noise, household.members
        included = [
            member
            for member in members
            if rng.random() < (noise.child_included if member.is_child else noise.adult_included)
        ]
        if not included:
            included = [next(member for member in members if not member.is_child)]
        rows: list[RegistryRow] = []
        for person in included:
            person_number = self._new_person_number()
            count = 1
            while rng.random() < noise.extra_record:
                count += 1
            for _ in range(count):
                if self.full:
                    return rows
                duplicate = rng.random() < noise.registry_person_duplicate
                rows.append(self._row(person, members, rng, person_number, duplicate))
        return rows

    def _row(
        self,
        person: TruePerson,
        family: tuple[TruePerson, ...],
        rng: Random,
        person_number: str,
        duplicate: bool,
    ) -> RegistryRow:
        start = max(self.start, person.birth_date)
        day = start + timedelta(days=rng.randint(0, (self.today - start).days - 1))
        shown = render(person, family, day, self.noise, rng)
        self.count += 1
        common = {
            "registry": self.registry,
            "registry_person_id": self._new_person_number() if duplicate else person_number,
            "person_truth_id": person.truth_id,
            "bsn": shown.bsn,
            "given_names": shown.given_names,
            "prefix": shown.prefix,
            "surname": shown.surname,
            "surname_full": shown.surname_full,
            "birth_date": shown.birth_date,
            "sex": shown.sex,
            "street": shown.street,
            "house_number": shown.house_number,
            "postcode": shown.postcode,
            "city": shown.city,
            "noise": (*shown.noise, "registry_person_duplicate") if duplicate else shown.noise,
        }
        if self.registry == POLICE:
            return PoliceRecord(
                record_id=f"{self.id_prefix}POL-{self.count:08d}",
                incident_date=day,
                incident_type=self.tables.incident_types.pick(rng),
                **common,  # type: ignore[arg-type]
            )
        return VeiligThuisRecord(
            record_id=f"{self.id_prefix}VT-{self.count:08d}",
            melding_date=day,
            outcome=self.tables.vt_outcomes.pick(rng),
            **common,  # type: ignore[arg-type]
        )


RegistryWriter = _RegistryWriter  # the national history (history.py) writes its records with it


def generate(config: SynthConfig) -> Iterator[GeneratedHousehold]:
    """Households until both registries hold their number of records."""
    tables = load_tables()
    rng = Random(config.seed)  # noqa: S311 - synthetic data, not security  # nosec B311
    builder = PopulationBuilder(rng, tables, config.profile.population, config.seed, config.today)
    target = config.target
    writers = {
        POLICE: _RegistryWriter(POLICE, config.profile.police, target[POLICE], tables, config.today),
        VEILIG_THUIS: _RegistryWriter(
            VEILIG_THUIS, config.profile.veilig_thuis, target[VEILIG_THUIS], tables, config.today
        ),
    }
    while not all(writer.full for writer in writers.values()):
        household = builder.household()
        made: dict[str, list[RegistryRow]] = {POLICE: [], VEILIG_THUIS: []}
        for registry in _MEMBERSHIP[household.registry_kind]:
            if not writers[registry].full:
                made[registry] = writers[registry].records(household, rng)
        yield GeneratedHousehold(
            household=household,
            police=tuple(row for row in made[POLICE] if isinstance(row, PoliceRecord)),
            veilig_thuis=tuple(row for row in made[VEILIG_THUIS] if isinstance(row, VeiligThuisRecord)),
        )


def registry_chunks(config: SynthConfig, registry: str, size: int = 10_000) -> Iterator[list[RegistryRow]]:
    """One registry's records in chunks of ``size`` (the other registry is generated and dropped)."""
    rows = (row for generated in generate(config) for row in generated.rows(registry))
    while chunk := list(islice(rows, size)):
        yield chunk


def case_person(
    person: TruePerson,
    household: Household,
    profile: NoiseProfile,
    rng: Random,
    case_person_id: str,
    today: date,
) -> CasePerson:
    """``person`` as a professional types them into a case today (lightly noisy, current address)."""
    shown = render(person, household.members, today, profile.case, rng, with_bsn=False)
    bsn = person.bsn if rng.random() < profile.case_bsn_known else None
    return CasePerson(
        case_person_id=case_person_id,
        person_truth_id=person.truth_id,
        given_names=shown.given_names,
        prefix=shown.prefix,
        surname=shown.surname,
        birth_date=shown.birth_date,
        sex=shown.sex,
        bsn=bsn,
        street=shown.street,
        house_number=shown.house_number,
        postcode=shown.postcode,
        noise=shown.noise,
    )
