"""Effective-dated parameter sets of the law.

The numbers and switches of the Wet tijdelijk huisverbod live in data files
(``parameter_sets/*.toml``), each with the date it takes effect. A revised law is a new file: no
code changes. Sets marked ``enacted = false`` (proposals, such as the January 2026 motion for a
one-year maximum) are never chosen by date; they are used only when asked for by id, e.g. in the
scenario lab.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from huisverbod.core.casefile.vocabulary import Residence

PARAMETER_SET_DIR = Path(__file__).parent / "parameter_sets"


class ParameterSetError(ValueError):
    """A parameter file is malformed; the message names the file and key."""


@dataclass(frozen=True)
class OrderParameters:
    initial_duration_days: int  # art. 2 lid 1 Wth
    max_duration_days: int  # art. 9 lid 1 Wth
    reachability_hours: int  # art. 2 lid 6 Wth
    written_after_oral_hours: int  # art. 2 lid 7 Wth ("zo spoedig mogelijk")
    extension_reminder_days: tuple[int, ...]
    court_hearing_days: int


@dataclass(frozen=True)
class PersonParameters:
    minimum_age: int  # art. 2 lid 2 Wth
    qualifying_residences: frozenset[Residence]  # art. 2 lid 1 Wth


@dataclass(frozen=True)
class VeiligThuisParameters:
    safety_assessment_working_days: int  # art. 4.1.7 Uitvoeringsbesluit Wmo 2015


@dataclass(frozen=True)
class RetentionParameters:
    order_file_years: int  # art. 10 Wth


@dataclass(frozen=True)
class LawParameters:
    id: str
    title: str
    effective_from: date
    enacted: bool
    order: OrderParameters
    persons: PersonParameters
    veilig_thuis: VeiligThuisParameters
    retention: RetentionParameters
    effective_until: date | None = None
    # Sections added by later parts of the law (danger threshold, ...) stay available raw, so a
    # new section never needs a change here before its rule module reads it.
    sections: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def in_force_on(self, day: date) -> bool:
        if not self.enacted or day < self.effective_from:
            return False
        return self.effective_until is None or day < self.effective_until


def _require(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise ParameterSetError(f"{where}.{key}: required")
    value = table[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ParameterSetError(f"{where}.{key}: expected a whole number")
    if not isinstance(value, kind):
        raise ParameterSetError(f"{where}.{key}: expected {kind.__name__}")
    return value


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise ParameterSetError(f"{where}.{key}: required table")
    return table


def parse_parameter_set(data: dict[str, Any], where: str) -> LawParameters:
    order = _table(data, "order", where)
    persons = _table(data, "persons", where)
    vt = _table(data, "veilig_thuis", where)
    retention = _table(data, "retention", where)
    residences = _require(persons, "qualifying_residences", list, f"{where}.persons")
    try:
        qualifying = frozenset(Residence(value) for value in residences)
    except ValueError as exc:
        raise ParameterSetError(f"{where}.persons.qualifying_residences: {exc}") from exc
    until = data.get("effective_until")
    if until is not None and not isinstance(until, date):
        raise ParameterSetError(f"{where}.effective_until: expected a date")
    reminders = _require(order, "extension_reminder_days", list, f"{where}.order")
    return LawParameters(
        id=_require(data, "id", str, where),
        title=_require(data, "title", str, where),
        effective_from=date.fromisoformat(_require(data, "effective_from", str, where)),
        effective_until=date.fromisoformat(until) if isinstance(until, str) else until,
        enacted=_require(data, "enacted", bool, where),
        order=OrderParameters(
            initial_duration_days=_require(order, "initial_duration_days", int, f"{where}.order"),
            max_duration_days=_require(order, "max_duration_days", int, f"{where}.order"),
            reachability_hours=_require(order, "reachability_hours", int, f"{where}.order"),
            written_after_oral_hours=_require(order, "written_after_oral_hours", int, f"{where}.order"),
            extension_reminder_days=tuple(int(day) for day in reminders),
            court_hearing_days=_require(order, "court_hearing_days", int, f"{where}.order"),
        ),
        persons=PersonParameters(
            minimum_age=_require(persons, "minimum_age", int, f"{where}.persons"),
            qualifying_residences=qualifying,
        ),
        veilig_thuis=VeiligThuisParameters(
            safety_assessment_working_days=_require(
                vt, "safety_assessment_working_days", int, f"{where}.veilig_thuis"
            ),
        ),
        retention=RetentionParameters(
            order_file_years=_require(retention, "order_file_years", int, f"{where}.retention"),
        ),
        sections={
            key: value
            for key, value in data.items()
            if isinstance(value, dict) and key not in {"order", "persons", "veilig_thuis", "retention"}
        },
    )


def load_parameter_file(path: Path) -> LawParameters:
    with path.open("rb") as handle:
        try:
            data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise ParameterSetError(f"{path.name}: {exc}") from exc
    return parse_parameter_set(data, path.name)


@cache
def all_parameter_sets(directory: Path = PARAMETER_SET_DIR) -> tuple[LawParameters, ...]:
    sets = tuple(
        sorted(
            (load_parameter_file(path) for path in directory.glob("*.toml")),
            key=lambda p: (p.effective_from, p.id),
        )
    )
    ids = [p.id for p in sets]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ParameterSetError(f"parameter set id used twice: {', '.join(sorted(duplicates))}")
    return sets


def parameters_on(day: date, sets: Iterable[LawParameters] | None = None) -> LawParameters:
    """The enacted parameter set in force on ``day`` (the latest that took effect by then)."""
    candidates = [p for p in (sets if sets is not None else all_parameter_sets()) if p.in_force_on(day)]
    if not candidates:
        raise ParameterSetError(f"no enacted parameter set is in force on {day.isoformat()}")
    return max(candidates, key=lambda p: p.effective_from)


def parameter_set(set_id: str) -> LawParameters:
    for params in all_parameter_sets():
        if params.id == set_id:
            return params
    known = ", ".join(p.id for p in all_parameter_sets())
    raise ParameterSetError(f"unknown parameter set '{set_id}' (known: {known})")
