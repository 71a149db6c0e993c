"""National reference data and the regional model of the synthetic national history.

``data/national.json`` holds the 10 regional police units, the 25 Veilig Thuis regions and a
documented subset of 60 municipalities (the places the synthetic population lives in,
``data/cities.csv``), each with its police unit, Veilig Thuis region, court and approximate
inhabitants. The regional model (docs/synth.md, *National history*) turns them into weights:

- a municipality's share of the cases is ``inhabitants * urban factor * region multiplier``;
- the **urban factor** is 1.3 for 200,000 inhabitants or more, 1.0 for 100,000 or more and 0.8
  below (registered domestic violence per inhabitant is higher in the large cities [U]);
- each Veilig Thuis region gets a **rate multiplier** (log-normal, sigma 0.25, clipped to
  0.6 to 1.6) and a **joint-assessment share** (normal around the national share, sd 0.15,
  clipped to 0.15 to 0.92), both drawn once from the seed;
- each police unit has a **planned-route share**: 5 %, but 15 % in Rotterdam and Den Haag,
  which ran planned-huisverbod pilots (domain brief §4.6).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from random import Random

from huisverbod.core.synth.tables import DATA_DIR, Weighted

NATIONAL_FILE = DATA_DIR / "national.json"
PLANNED_PILOT_UNITS = frozenset({"politie-rotterdam", "politie-den-haag"})


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    inhabitants: int
    police_unit: str
    veilig_thuis_region: str
    places: tuple[str, ...]
    court: str

    @property
    def city(self) -> str:
        """The place a synthetic dwelling in this municipality lies in."""
        return self.places[0]

    @property
    def urban_factor(self) -> float:
        if self.inhabitants >= 200_000:
            return 1.3
        if self.inhabitants >= 100_000:
            return 1.0
        return 0.8


@dataclass(frozen=True)
class NationalData:
    police_units: tuple[dict[str, str], ...]
    veilig_thuis_regions: tuple[dict[str, str], ...]
    municipalities: tuple[Municipality, ...]

    @property
    def inhabitants(self) -> int:
        return sum(m.inhabitants for m in self.municipalities)


@cache
def national_data() -> NationalData:
    raw = json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))
    return NationalData(
        police_units=tuple(raw["police_units"]),
        veilig_thuis_regions=tuple(raw["veilig_thuis_regions"]),
        municipalities=tuple(
            Municipality(
                code=row["code"],
                name=row["name"],
                inhabitants=int(row["inhabitants"]),
                police_unit=row["police_unit"],
                veilig_thuis_region=row["veilig_thuis_region"],
                places=tuple(row["places"]),
                court=row["court"],
            )
            for row in raw["municipalities"]
        ),
    )


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


@dataclass(frozen=True)
class RegionalModel:
    """The per-region parameters, drawn once from the seed."""

    rate_multiplier: dict[str, float]  # Veilig Thuis region -> multiplier of the case rate
    joint_share: dict[str, float]  # Veilig Thuis region -> share of assessments done jointly
    planned_share: dict[str, float]  # police unit -> share of planned (non-acute) assessments
    municipalities: Weighted[Municipality]

    @classmethod
    def draw(
        cls, seed: int, national_joint_share: float, planned_share: float, pilot_planned_share: float
    ) -> RegionalModel:
        rng = Random(f"history-regions:{seed}")  # noqa: S311 - synthetic data  # nosec B311
        data = national_data()
        multiplier: dict[str, float] = {}
        joint: dict[str, float] = {}
        for region in data.veilig_thuis_regions:
            multiplier[region["code"]] = round(_clip(math.exp(rng.gauss(0.0, 0.25)), 0.6, 1.6), 3)
            joint[region["code"]] = round(_clip(rng.gauss(national_joint_share, 0.15), 0.15, 0.92), 3)
        planned = {
            unit["code"]: pilot_planned_share if unit["code"] in PLANNED_PILOT_UNITS else planned_share
            for unit in data.police_units
        }
        weights = [
            m.inhabitants * m.urban_factor * multiplier[m.veilig_thuis_region] for m in data.municipalities
        ]
        return cls(multiplier, joint, planned, Weighted(data.municipalities, weights))

    def expected_share(self, municipality_code: str) -> float:
        """The share of all cases the model gives a municipality (for tests and documentation)."""
        data = national_data()
        weights = {
            m.code: m.inhabitants * m.urban_factor * self.rate_multiplier[m.veilig_thuis_region]
            for m in data.municipalities
        }
        return weights[municipality_code] / sum(weights.values())
