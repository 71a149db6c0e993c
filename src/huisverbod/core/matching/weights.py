"""The match model: m and u probabilities per comparison level, their weights, the bands'
thresholds and where they came from. It is a data file (``weights/*.json``) the matcher loads;
``training.py`` writes it.

A level's weight is log2(m / u): m is how often a person and a record of the SAME person reach
the level, u how often a person and a record of DIFFERENT persons do. The total weight of a pair
is the sum over the fields. The prior and the thresholds hold for a registry of
``reference_records`` records; a registry ten times as large holds ten times as many strangers
who happen to agree, so thresholds rise, and the prior falls, by log2 of the size ratio
(``size_shift``; smaller registries keep the trained thresholds).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from huisverbod.core.matching.compare import LEVELS

MODEL_FORMAT = "huisverbod-person-match/1"
MODEL_DIR = Path(__file__).parent / "weights"
DEFAULT_MODEL = "standard"


class ModelFileError(ValueError):
    """A model file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class LevelWeight:
    m: float
    u: float

    @property
    def weight(self) -> float:
        return math.log2(self.m / self.u)


# Levels whose weight is adjusted for how common the agreeing value is (term frequency): two
# records that are both "Jansen" say less than two that are both "Zwanenburg".
TF_LEVELS: dict[str, frozenset[str]] = {
    "surname": frozenset({"exact"}),
    "given_names": frozenset({"exact", "shared_name"}),
}


@dataclass(frozen=True)
class TermFrequencies:
    values: Mapping[str, float]  # normalised value -> share of records with it
    default: float  # the share assumed for a value not listed (a rare one)

    def of(self, value: str) -> float:
        return self.values.get(value, self.default)


@dataclass(frozen=True)
class MatchModel:
    id: str
    prior: float  # P(same person) for a random (person, record) pair, at reference_records
    match_threshold: float  # total weight at or above which a candidate is a match (at reference_records)
    possible_threshold: float  # total weight at or above which it is a possible match (idem)
    levels: Mapping[str, Mapping[str, LevelWeight]]
    reference_records: int = 0  # registry size the prior and thresholds hold for; 0: no scaling
    term_frequencies: Mapping[str, TermFrequencies] = field(default_factory=dict, compare=False)
    provenance: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def weight(self, field_name: str, level: str, value: str | None = None) -> float:
        """The level's weight; with the agreeing ``value``, adjusted for its term frequency
        (Splink's adjustment: + log2(u_exact / tf(value)))."""
        weight = self.levels[field_name][level].weight
        frequencies = self.term_frequencies.get(field_name)
        if value is None or frequencies is None or level not in TF_LEVELS.get(field_name, ()):
            return weight
        return weight + math.log2(self.levels[field_name]["exact"].u / frequencies.of(value))

    def size_shift(self, registry_records: int | None) -> float:
        """How many bits the thresholds rise (the prior falls) for a registry of this size. Never
        negative: a registry smaller than the reference keeps the trained thresholds (a tiny one
        would otherwise make almost anything a match)."""
        if not registry_records or not self.reference_records:
            return 0.0
        return max(0.0, math.log2(registry_records / self.reference_records))

    def probability(self, total_weight: float, registry_records: int | None = None) -> float:
        """Posterior probability of the same person, from the prior and the total weight."""
        prior_log_odds = math.log2(self.prior / (1 - self.prior)) - self.size_shift(registry_records)
        log_odds = prior_log_odds + total_weight
        if log_odds > 60:
            return 1.0
        odds: float = 2.0**log_odds
        return odds / (1 + odds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "id": self.id,
            "prior": self.prior,
            "reference_records": self.reference_records,
            "thresholds": {"match": self.match_threshold, "possible_match": self.possible_threshold},
            "fields": {
                name: {
                    level: {"m": lw.m, "u": lw.u, "weight": round(lw.weight, 4)}
                    for level, lw in levels.items()
                }
                for name, levels in self.levels.items()
            },
            "term_frequencies": {
                name: {"default": tf.default, "values": dict(sorted(tf.values.items()))}
                for name, tf in self.term_frequencies.items()
            },
            "provenance": dict(self.provenance),
        }


def _number(table: Mapping[str, Any], key: str, where: str) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelFileError(f"{where}.{key}: a number is required")
    return float(value)


def model_from_dict(data: Mapping[str, Any], where: str = "model") -> MatchModel:
    if data.get("format") != MODEL_FORMAT:
        raise ModelFileError(f"{where}.format: expected {MODEL_FORMAT!r}")
    fields_table = data.get("fields")
    if not isinstance(fields_table, dict):
        raise ModelFileError(f"{where}.fields: a table is required")
    levels: dict[str, dict[str, LevelWeight]] = {}
    for field_name, codes in LEVELS.items():
        table = fields_table.get(field_name)
        if not isinstance(table, dict):
            raise ModelFileError(f"{where}.fields.{field_name}: required")
        levels[field_name] = {}
        for code in codes:
            entry = table.get(code)
            if not isinstance(entry, dict):
                raise ModelFileError(f"{where}.fields.{field_name}.{code}: required")
            level_where = f"{where}.fields.{field_name}.{code}"
            m, u = _number(entry, "m", level_where), _number(entry, "u", level_where)
            if not (0 < m <= 1 and 0 < u <= 1):
                raise ModelFileError(f"{level_where}: m and u must be in (0, 1]")
            levels[field_name][code] = LevelWeight(m=m, u=u)
    thresholds = data.get("thresholds")
    if not isinstance(thresholds, dict):
        raise ModelFileError(f"{where}.thresholds: a table is required")
    match = _number(thresholds, "match", f"{where}.thresholds")
    possible = _number(thresholds, "possible_match", f"{where}.thresholds")
    if possible > match:
        raise ModelFileError(f"{where}.thresholds: possible_match must not exceed match")
    prior = _number(data, "prior", where)
    if not 0 < prior < 1:
        raise ModelFileError(f"{where}.prior: must be between 0 and 1")
    return MatchModel(
        id=str(data.get("id", "")),
        prior=prior,
        reference_records=_count(data, "reference_records", where),
        match_threshold=match,
        possible_threshold=possible,
        levels=levels,
        term_frequencies=_term_frequencies(data.get("term_frequencies", {}), f"{where}.term_frequencies"),
        provenance=dict(data.get("provenance", {})),
    )


def _count(data: Mapping[str, Any], key: str, where: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ModelFileError(f"{where}.{key}: a whole number of records, 0 or more, is required")
    return value


def _term_frequencies(table: Any, where: str) -> dict[str, TermFrequencies]:
    if not isinstance(table, dict):
        raise ModelFileError(f"{where}: a table is required")
    result: dict[str, TermFrequencies] = {}
    for name, entry in table.items():
        if name not in TF_LEVELS or not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            raise ModelFileError(
                f"{where}.{name}: a field in {sorted(TF_LEVELS)} with 'values' and 'default'"
            )
        default = _number(entry, "default", f"{where}.{name}")
        values = {
            str(value): _number(entry["values"], value, f"{where}.{name}.values") for value in entry["values"]
        }
        if default <= 0 or any(share <= 0 for share in values.values()):
            raise ModelFileError(f"{where}.{name}: frequencies must be positive")
        result[name] = TermFrequencies(values=values, default=default)
    return result


def load_model_file(path: Path) -> MatchModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{path.name}: {error}") from error
    return model_from_dict(data, where=path.name)


@cache
def load_model(model_id: str = DEFAULT_MODEL) -> MatchModel:
    """A shipped model by id (``weights/<id>.json``)."""
    return load_model_file(MODEL_DIR / f"{model_id}.json")
