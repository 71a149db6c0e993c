"""The generator's weighted tables (``data/*.csv``), loaded once and sampled with a seeded RNG."""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path
from random import Random

DATA_DIR = Path(__file__).parent / "data"
ORIGINS = ("nl", "ma", "tr", "sr")
ERAS = ("old", "mid", "young")


class Weighted[T]:
    """Items with relative weights; ``pick`` draws one with one call to ``rng.random()``."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            raise ValueError("a weighted table needs as many weights as items, and at least one")
        self.items = tuple(items)
        self._cumulative = list(accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: Random) -> T:
        position = bisect_right(self._cumulative, rng.random() * self._total)
        return self.items[min(position, len(self.items) - 1)]

    def __len__(self) -> int:
        return len(self.items)


def weighted_choice[T](rng: Random, options: Sequence[tuple[T, float]]) -> T:
    """Draw from a short list of (item, probability) pairs; the probabilities need not sum to 1."""
    total = sum(weight for _, weight in options)
    point = rng.random() * total
    for item, weight in options:
        point -= weight
        if point < 0:
            return item
    return options[-1][0]


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines)


@dataclass(frozen=True)
class City:
    name: str
    postcode_from: int
    postcode_to: int


@dataclass(frozen=True)
class Tables:
    given_names: dict[tuple[str, str, str], Weighted[str]]  # (sex, origin, era)
    call_names: dict[str, Weighted[str]]  # formal name -> call names
    surnames: dict[str, Weighted[tuple[str, str]]]  # origin -> (prefix, surname)
    surname_heads: Weighted[str]
    surname_tails: Weighted[str]
    cities: Weighted[City]
    streets: Weighted[str]
    incident_types: Weighted[str]
    vt_outcomes: Weighted[str]


def _weighted_column(name: str, column: str) -> Weighted[str]:
    rows = list(_rows(name))
    return Weighted([row[column] for row in rows], [float(row["weight"]) for row in rows])


@cache
def load_tables() -> Tables:
    given: dict[tuple[str, str, str], tuple[list[str], list[float]]] = {}
    for row in _rows("given_names.csv"):
        eras = ERAS if row["era"] == "any" else (row["era"],)
        for era in eras:
            names, weights = given.setdefault((row["sex"], row["origin"], era), ([], []))
            names.append(row["name"])
            weights.append(float(row["weight"]))
    calls: dict[str, tuple[list[str], list[float]]] = {}
    for row in _rows("call_names.csv"):
        names, weights = calls.setdefault(row["formal"], ([], []))
        names.append(row["call"])
        weights.append(float(row["weight"]))
    surnames: dict[str, tuple[list[tuple[str, str]], list[float]]] = {}
    for row in _rows("surnames.csv"):
        pairs, weights = surnames.setdefault(row["origin"], ([], []))
        pairs.append((row["prefix"], row["surname"]))
        weights.append(float(row["weight"]))
    parts = list(_rows("surname_parts.csv"))
    heads = [row for row in parts if row["kind"] == "head"]
    tails = [row for row in parts if row["kind"] == "tail"]
    cities = list(_rows("cities.csv"))
    return Tables(
        given_names={key: Weighted(*value) for key, value in given.items()},
        call_names={key: Weighted(*value) for key, value in calls.items()},
        surnames={key: Weighted(*value) for key, value in surnames.items()},
        surname_heads=Weighted([r["part"] for r in heads], [float(r["weight"]) for r in heads]),
        surname_tails=Weighted([r["part"] for r in tails], [float(r["weight"]) for r in tails]),
        cities=Weighted(
            [City(r["city"], int(r["postcode_from"]), int(r["postcode_to"])) for r in cities],
            [float(r["weight"]) for r in cities],
        ),
        streets=_weighted_column("streets.csv", "street"),
        incident_types=_weighted_column("incident_types.csv", "type"),
        vt_outcomes=_weighted_column("vt_outcomes.csv", "outcome"),
    )
