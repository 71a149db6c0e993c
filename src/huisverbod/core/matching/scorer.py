"""Scoring: compare a person with each candidate record, weigh the levels, band the total, and
explain every step.

A candidate's explanation lists, per field, the two values compared, the level reached and the
weight it contributed; then the total weight, the probability and the band. ``to_dict`` gives the
JSON shape documented in ``docs/matching.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from huisverbod.core.matching.base import CandidateSource, Retrieved
from huisverbod.core.matching.compare import LABELS, comparison_levels
from huisverbod.core.matching.features import Features, features_of
from huisverbod.core.matching.keys import key_kind, query_keys_from_features
from huisverbod.core.matching.model import PersonLike, RecordLike
from huisverbod.core.matching.names import join_surname
from huisverbod.core.matching.weights import MatchModel, load_model

MATCH = "match"
POSSIBLE_MATCH = "possible_match"
NO_MATCH = "no_match"
BANDS = (MATCH, POSSIBLE_MATCH, NO_MATCH)
DEFAULT_LIMIT_PER_KEY = 50

# Guards: rules a total weight cannot outvote, because the fields are not independent where
# families are concerned. Each caps the band at possible_match, so a person decides.
# - An agreeing BSN is not trusted when the birth date AND a name clearly differ: the record
#   carries a family member's BSN, or a mistyped one that happens to pass the 11-proof. The BSN
#   then weighs nothing.
# - Clearly different given names are never a match without an agreeing BSN: a twin shares
#   surname, birth date and address, and only the given names (and perhaps sex) tell them apart.
# - A clearly different birth date is never a match without an agreeing BSN: a father and son
#   may share given name, surname and address, and only the birth date tells them apart.
# - A different sex is never a match without an agreeing BSN unless the given names agree
#   outright: a brother and sister born the same day ("A. El Ouardi") or names that only look
#   alike ("Milan", "Mila").
BSN_NOT_TRUSTED = "bsn_not_trusted"
GIVEN_NAMES_DIFFER = "given_names_differ"
BIRTH_DATE_DIFFERS = "birth_date_differs"
SEX_DIFFERS = "sex_differs"
GUARD_LABELS = {
    BSN_NOT_TRUSTED: "same BSN, but birth date and name clearly differ: the BSN is not trusted",
    GIVEN_NAMES_DIFFER: "given names clearly differ: a family member (a twin?) or a call name to confirm",
    BIRTH_DATE_DIFFERS: "birth date clearly differs: a family member with the same name?",
    SEX_DIFFERS: "other sex and given names that only look alike: a brother or sister?",
}
_GIVEN_NAMES_AGREE = frozenset({"exact", "shared_name"})
GUARDS_THAT_CAP = frozenset(GUARD_LABELS)
# Not a guard: the note on a record made a match because another record of the same registry
# person is one (see ``promote_registry_persons``).
SAME_REGISTRY_PERSON = "same_registry_person"
MATCHED_TO_OTHER_CASE_PERSON = "matched_to_other_case_person"  # see case.resolve_case
NOTE_LABELS = {
    **GUARD_LABELS,
    SAME_REGISTRY_PERSON: "another record of this registry person is a match",
    MATCHED_TO_OTHER_CASE_PERSON: "this record fits another person of the case better",
}
_CLEARLY_OTHER_BIRTH = frozenset({"far", "same_year"})
_CLEARLY_OTHER_SURNAME = frozenset({"far", "similar"})


def _address_text(person: PersonLike) -> str:
    street = " ".join(part for part in (person.street, person.house_number) if part)
    return ", ".join(part for part in (street, person.postcode) if part)


def display_values(person: PersonLike) -> dict[str, str]:
    """The values a person shows in an explanation, as written (not normalised)."""
    return {
        "bsn": person.bsn or "",
        "surname": join_surname(person.prefix or "", person.surname or ""),
        "given_names": person.given_names or "",
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "sex": person.sex or "",
        "address": _address_text(person),
    }


@dataclass(frozen=True, slots=True)
class FieldExplanation:
    field: str
    query: str
    record: str
    level: str
    label: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "query": self.query,
            "record": self.record,
            "level": self.level,
            "label": self.label,
            "weight": round(self.weight, 2),
        }


@dataclass(frozen=True, slots=True)
class ScoredCandidate:
    record: RecordLike = field(repr=False, compare=False)
    record_id: str
    fields: tuple[FieldExplanation, ...]
    total_weight: float
    probability: float
    band: str
    found_by: tuple[str, ...] = ()  # the kinds of blocking key that found the record
    notes: tuple[str, ...] = ()

    def level(self, field_name: str) -> str:
        return next(item.level for item in self.fields if item.field == field_name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "band": self.band,
            "total_weight": round(self.total_weight, 2),
            "probability": round(self.probability, 6),
            "fields": [item.to_dict() for item in self.fields],
            "found_by": list(self.found_by),
            "notes": [{"code": note, "label": NOTE_LABELS.get(note, note)} for note in self.notes],
        }


def guards(levels: dict[str, str]) -> tuple[str, ...]:
    """The guards a pair of records trips (see GUARD_LABELS)."""
    tripped: list[str] = []
    if (
        levels["bsn"] == "exact"
        and levels["birth_date"] in _CLEARLY_OTHER_BIRTH
        and (levels["given_names"] == "far" or levels["surname"] in _CLEARLY_OTHER_SURNAME)
    ):
        tripped.append(BSN_NOT_TRUSTED)
    if levels["bsn"] != "exact":  # two family members do not share a BSN
        if levels["given_names"] == "far":
            tripped.append(GIVEN_NAMES_DIFFER)
        if levels["birth_date"] in _CLEARLY_OTHER_BIRTH:
            tripped.append(BIRTH_DATE_DIFFERS)
        if levels["sex"] == "different" and levels["given_names"] not in _GIVEN_NAMES_AGREE:
            tripped.append(SEX_DIFFERS)
    return tuple(tripped)


def agreeing_values(levels: dict[str, str], query: Features, record: Features) -> dict[str, str | None]:
    """The value two records agree on, for the term-frequency adjustment of a level."""
    surname = "-".join(query.surname.cores) if levels["surname"] == "exact" else None
    given = None
    if levels["given_names"] in ("exact", "shared_name"):
        first = query.given.names[0]
        given = first if first in record.given.names else record.given.names[0]
    return {"surname": surname, "given_names": given}


def field_weights(
    levels: dict[str, str], model: MatchModel, values: dict[str, str | None] | None = None
) -> dict[str, float]:
    """The weight each field contributes; an untrusted BSN contributes nothing."""
    values = values or {}
    weights = {name: model.weight(name, level, values.get(name)) for name, level in levels.items()}
    if BSN_NOT_TRUSTED in guards(levels):
        weights["bsn"] = 0.0
    return weights


def band_for(
    total_weight: float, model: MatchModel, tripped: tuple[str, ...] = (), shift: float = 0.0
) -> str:
    """The band of a total weight; ``shift`` is the model's ``size_shift`` for the registry."""
    if total_weight >= model.match_threshold + shift and not tripped:
        return MATCH
    if total_weight >= model.possible_threshold + shift:
        return POSSIBLE_MATCH
    return NO_MATCH


def score_features(
    query: Features,
    query_display: dict[str, str],
    record: RecordLike,
    record_features: Features,
    model: MatchModel,
    found_by: tuple[str, ...] = (),
    registry_records: int | None = None,
) -> ScoredCandidate:
    levels = comparison_levels(query, record_features)
    weights = field_weights(levels, model, agreeing_values(levels, query, record_features))
    tripped = guards(levels)
    shown = display_values(record)
    explanations = []
    for name, level in levels.items():
        label = LABELS[name][level]
        if name == "bsn" and BSN_NOT_TRUSTED in tripped:
            label = GUARD_LABELS[BSN_NOT_TRUSTED]
        explanations.append(
            FieldExplanation(name, query_display[name], shown[name], level, label, weights[name])
        )
    total = sum(weights.values())
    return ScoredCandidate(
        record=record,
        record_id=record.record_id,
        fields=tuple(explanations),
        total_weight=total,
        probability=model.probability(total, registry_records),
        band=band_for(total, model, tripped, model.size_shift(registry_records)),
        found_by=found_by,
        notes=tripped,
    )


def compare_records(
    person: PersonLike, record: RecordLike, model: MatchModel | None = None
) -> ScoredCandidate:
    """Score one person against one record, with no blocking: the explanation of a single pair."""
    return score_features(
        features_of(person), display_values(person), record, features_of(record), model or load_model()
    )


@dataclass(frozen=True)
class MatchResult:
    registry: str
    query_keys: tuple[str, ...]
    candidates: tuple[ScoredCandidate, ...]  # every retrieved record, best first
    truncated_keys: tuple[str, ...] = ()
    thresholds: tuple[float, float] = (0.0, 0.0)  # (match, possible_match) for this registry's size
    registry_records: int | None = None

    @property
    def matches(self) -> tuple[ScoredCandidate, ...]:
        return tuple(c for c in self.candidates if c.band == MATCH)

    @property
    def possible_matches(self) -> tuple[ScoredCandidate, ...]:
        return tuple(c for c in self.candidates if c.band == POSSIBLE_MATCH)

    def to_dict(self, *, include_no_match: bool = False) -> dict[str, Any]:
        shown = [c for c in self.candidates if include_no_match or c.band != NO_MATCH]
        return {
            "registry": self.registry,
            "registry_records": self.registry_records,
            "thresholds": {
                "match": round(self.thresholds[0], 3),
                "possible_match": round(self.thresholds[1], 3),
            },
            "retrieved": len(self.candidates),
            "truncated_keys": list(self.truncated_keys),
            "candidates": [c.to_dict() for c in shown],
        }


def registry_person_of(record: RecordLike) -> str | None:
    """The registry's own person number, when the record has one (an optional attribute)."""
    value = getattr(record, "registry_person_id", None)
    return str(value) if value else None


def promote_registry_persons(candidates: list[ScoredCandidate]) -> list[ScoredCandidate]:
    """The registry already says which of its records are one person (its own person number).
    When one record of such a person is a match, its other retrieved records are a match too,
    unless a guard trips or their own evidence is against it (a negative total): an old address or
    a missing birth date on one melding does not make it someone else's."""
    matched = {
        person
        for candidate in candidates
        if candidate.band == MATCH and (person := registry_person_of(candidate.record))
    }
    if not matched:
        return candidates
    return [
        replace(candidate, band=MATCH, notes=(*candidate.notes, SAME_REGISTRY_PERSON))
        if candidate.band != MATCH
        and candidate.total_weight >= 0
        and not candidate.notes
        and registry_person_of(candidate.record) in matched
        else candidate
        for candidate in candidates
    ]


def _found_by(retrieved: Retrieved) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key_kind(key) for key in retrieved.keys))


class Matcher:
    """Finds one person's records in one registry (one candidate source)."""

    def __init__(
        self,
        source: CandidateSource,
        model: MatchModel | None = None,
        limit_per_key: int = DEFAULT_LIMIT_PER_KEY,
        *,
        group_by_registry_person: bool = True,
    ) -> None:
        self.source = source
        self.model = model or load_model()
        self.limit_per_key = limit_per_key
        self.group_by_registry_person = group_by_registry_person

    def find(self, person: PersonLike) -> MatchResult:
        query = features_of(person)
        keys = query_keys_from_features(query)
        retrieval = self.source.candidates(keys, self.limit_per_key)
        records = self.source.record_count()
        shift = self.model.size_shift(records)
        shown = display_values(person)
        scored = [
            score_features(
                query,
                shown,
                item.record,
                item.features or features_of(item.record),
                self.model,
                _found_by(item),
                records,
            )
            for item in retrieval.candidates
        ]
        scored.sort(key=lambda c: (-c.total_weight, c.record_id))
        if self.group_by_registry_person:
            scored = promote_registry_persons(scored)
        return MatchResult(
            registry=self.source.registry,
            query_keys=tuple(keys),
            candidates=tuple(scored),
            truncated_keys=retrieval.truncated_keys,
            thresholds=(self.model.match_threshold + shift, self.model.possible_threshold + shift),
            registry_records=records,
        )

    def find_many(self, persons: Sequence[PersonLike]) -> list[MatchResult]:
        return [self.find(person) for person in persons]
