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
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from huisverbod.core.casefile.vocabulary import Residence

PARAMETER_SET_DIR = Path(__file__).parent / "parameter_sets"

T = TypeVar("T")


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
class DangerParameters:
    """How the danger criterion of art. 2 lid 1 Wth is read from the risk instruments.

    The Besluit tijdelijk huisverbod makes the risk assessment (the RiHG) the basis of the
    decision; the RiHG's published decision rule is "two reds within one part: in principle a
    huisverbod". Everything that may change with the law is here, so a lower threshold (the
    January 2026 motion) is a new parameter set, not new code.
    """

    instrument: str  # id of the instrument whose signals test the danger
    min_red_in_one_part: int
    # Signals of ``instrument`` that meet the criterion on their own when red.
    sufficient_red_signals: frozenset[str]
    # ``(instrument id, conclusion)`` pairs that meet the criterion on their own.
    sufficient_conclusions: frozenset[tuple[str, str]]
    # Fact types that count as (threatening) domestic violence by the person: without at least one
    # of them against a protected person, there is no danger "of his presence" to weigh.
    violence_types: frozenset[str]


@dataclass(frozen=True)
class ChildAbuseParameters:
    """When an order would be "because of child abuse" (art. 2 lid 3 Wth)."""

    # Fact types that are child abuse in themselves (witnessing domestic violence counts, [S]).
    fact_types: frozenset[str]
    # Whether a violence fact (``DangerParameters.violence_types``) against a minor also counts.
    violence_against_minor: bool


@dataclass(frozen=True)
class RouteParameters:
    """The acute and the planned route (Regioplan Handreiking 2015 start routes; practice)."""

    # An incident is "current" when it is dated to the day and at most this many days old.
    current_incident_days: int
    incident_types: frozenset[str]


@dataclass(frozen=True)
class MeasureParameters:
    """Measures outside the Wth proper whose availability depends on the law in force."""

    # A mayor's contact ban without the residence condition ("bestuurlijk contactverbod"):
    # not in the law in force; proposed in the 2022 seed document and the 2025-2026 debate.
    administrative_contact_ban: bool


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
    # Typed sections read by the assessment (``None`` when a set does not have them; the
    # assessment then refuses the set with a message naming the missing section).
    danger: DangerParameters | None = None
    child_abuse: ChildAbuseParameters | None = None
    route: RouteParameters | None = None
    measures: MeasureParameters | None = None
    # Sections added by later parts of the law (danger threshold, ...) stay available raw, so a
    # new section never needs a change here before its rule module reads it.
    sections: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def in_force_on(self, day: date) -> bool:
        if not self.enacted or day < self.effective_from:
            return False
        return self.effective_until is None or day < self.effective_until

    def need(self, section: T | None, name: str) -> T:
        """``section`` of this set, which the caller cannot do without (the set is refused otherwise).

        Used as ``params.need(params.danger, "danger")``.
        """
        if section is None:
            raise ParameterSetError(f"{self.id}: section [{name}] required for the assessment")
        return section


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


def _strings(table: dict[str, Any], key: str, where: str, *, required: bool = True) -> frozenset[str]:
    if key not in table and not required:
        return frozenset()
    values = _require(table, key, list, where)
    if not all(isinstance(value, str) for value in values):
        raise ParameterSetError(f"{where}.{key}: expected a list of strings")
    return frozenset(values)


def _fact_types(table: dict[str, Any], key: str, where: str) -> frozenset[str]:
    from huisverbod.core.casefile.vocabulary import FACT_TYPES

    types = _strings(table, key, where)
    unknown = sorted(types - FACT_TYPES.keys())
    if unknown:
        raise ParameterSetError(f"{where}.{key}: unknown fact type(s) {', '.join(unknown)}")
    return types


def _parse_danger(table: dict[str, Any], where: str) -> DangerParameters:
    pairs = set()
    for text in _strings(table, "sufficient_conclusions", where, required=False):
        instrument, _, conclusion = text.partition(":")
        if not instrument or not conclusion:
            raise ParameterSetError(
                f"{where}.sufficient_conclusions: '{text}' is not 'instrument:conclusion'"
            )
        pairs.add((instrument, conclusion))
    return DangerParameters(
        instrument=_require(table, "instrument", str, where),
        min_red_in_one_part=_require(table, "min_red_in_one_part", int, where),
        sufficient_red_signals=_strings(table, "sufficient_red_signals", where, required=False),
        sufficient_conclusions=frozenset(pairs),
        violence_types=_fact_types(table, "violence_types", where),
    )


def _parse_child_abuse(table: dict[str, Any], where: str) -> ChildAbuseParameters:
    return ChildAbuseParameters(
        fact_types=_fact_types(table, "fact_types", where),
        violence_against_minor=_require(table, "violence_against_minor", bool, where),
    )


def _parse_route(table: dict[str, Any], where: str) -> RouteParameters:
    return RouteParameters(
        current_incident_days=_require(table, "current_incident_days", int, where),
        incident_types=_fact_types(table, "incident_types", where),
    )


def _parse_measures(table: dict[str, Any], where: str) -> MeasureParameters:
    return MeasureParameters(
        administrative_contact_ban=_require(table, "administrative_contact_ban", bool, where),
    )


OPTIONAL_SECTIONS = {
    "danger": _parse_danger,
    "child_abuse": _parse_child_abuse,
    "route": _parse_route,
    "measures": _parse_measures,
}


def parse_parameter_set(data: dict[str, Any], where: str) -> LawParameters:
    # Imported here, not at the top: the case-file package imports this module while it
    # initialises (to check extensions against art. 9), so a top-level import would be a cycle
    # whenever this module is imported first.
    from huisverbod.core.casefile.vocabulary import Residence

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
    typed: dict[str, Any] = {}
    for name, parse_section in OPTIONAL_SECTIONS.items():
        if name in data:
            typed[name] = parse_section(_table(data, name, where), f"{where}.{name}")
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
        **typed,
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
