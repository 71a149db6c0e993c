"""Case persons: the people a professional looks up, drawn from the generated population.

For one registry the sampler keeps, while the households stream past, a random sample (reservoir
sampling, seeded) of three kinds of person:

- ``in_registry``: persons with at least one record in the registry;
- ``family_not_in_registry``: persons WITHOUT records there whose household members HAVE records
  (partners, children, siblings, twins: the hardest negatives, same surname and address);
- ``not_in_registry``: persons of households the registry does not know at all.

Each is then typed as a professional would (the ``case`` noise profile): mostly clean, the call
name, the current address, sometimes a BSN.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from huisverbod.core.synth.generate import GeneratedHousehold, case_person
from huisverbod.core.synth.population import Household, TruePerson
from huisverbod.core.synth.profile import NoiseProfile
from huisverbod.core.synth.rows import CasePerson

IN_REGISTRY = "in_registry"
FAMILY_NOT_IN_REGISTRY = "family_not_in_registry"
NOT_IN_REGISTRY = "not_in_registry"
KINDS = (IN_REGISTRY, FAMILY_NOT_IN_REGISTRY, NOT_IN_REGISTRY)


@dataclass(frozen=True, slots=True)
class SampledCase:
    person: CasePerson
    kind: str  # one of KINDS


class _Reservoir:
    def __init__(self, size: int, rng: Random) -> None:
        self.size = size
        self.rng = rng
        self.seen = 0
        self.items: list[tuple[TruePerson, Household]] = []

    def offer(self, item: tuple[TruePerson, Household]) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
            return
        slot = self.rng.randrange(self.seen)
        if slot < self.size:
            self.items[slot] = item


class CaseSampler:
    """Samples case persons for one registry from a stream of generated households."""

    def __init__(self, registry: str, sizes: dict[str, int], seed: int) -> None:
        self.registry = registry
        self.seed = seed
        rng = Random(f"{seed}:cases:{registry}")  # noqa: S311 - synthetic data, not security  # nosec B311
        self.reservoirs = {kind: _Reservoir(sizes.get(kind, 0), rng) for kind in KINDS}

    def observe(self, generated: GeneratedHousehold) -> None:
        rows = generated.rows(self.registry)
        with_records = {row.person_truth_id for row in rows}
        household = generated.household
        for person in household.members:
            if person.truth_id in with_records:
                kind = IN_REGISTRY
            elif with_records:
                kind = FAMILY_NOT_IN_REGISTRY
            else:
                kind = NOT_IN_REGISTRY
            self.reservoirs[kind].offer((person, household))

    def cases(self, profile: NoiseProfile, today: date) -> list[SampledCase]:
        rng = Random(f"{self.seed}:typing:{self.registry}")  # noqa: S311 - synthetic data  # nosec B311
        sampled: list[SampledCase] = []
        for kind in KINDS:
            for person, household in self.reservoirs[kind].items:
                case_id = f"{self.registry}-{kind}-{person.truth_id}"
                sampled.append(
                    SampledCase(case_person(person, household, profile, rng, case_id, today), kind)
                )
        return sampled
