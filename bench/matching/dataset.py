"""One benchmark data set: both registries generated with the known truth, indexed, and the case
persons to look up, with the true links each should find."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from huisverbod.core.matching.contrib.memory import MemoryIndex
from huisverbod.core.matching.evaluate import Link
from huisverbod.core.synth.cases import KINDS, CaseSampler, SampledCase
from huisverbod.core.synth.generate import SynthConfig, generate
from huisverbod.core.synth.rows import REGISTRIES, RegistryRow


@dataclass
class RegistryData:
    name: str
    rows: list[RegistryRow] = field(default_factory=list)
    index: MemoryIndex = field(default_factory=MemoryIndex)
    records_of: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    cases: list[SampledCase] = field(default_factory=list)

    def true_link_count(self, truth_id: int) -> int:
        """How many records this registry holds for the synthetic person ``truth_id``."""
        return len(self.records_of.get(truth_id, ()))

    def true_links(self) -> set[Link]:
        return {
            (case.person.case_person_id, record_id)
            for case in self.cases
            for record_id in self.records_of.get(case.person.person_truth_id, ())
        }


@dataclass
class BenchData:
    config: SynthConfig
    registries: dict[str, RegistryData]
    seconds: dict[str, float]


def case_sizes(total: int, in_registry_share: float = 0.8) -> dict[str, int]:
    """How many case persons of each kind: mostly persons in the registry, the rest split
    between family members and strangers who are not."""
    positives = round(total * in_registry_share)
    family = (total - positives) // 2
    return dict(zip(KINDS, (positives, family, total - positives - family), strict=True))


def build(config: SynthConfig, cases_per_registry: int, *, keep_rows: bool = True) -> BenchData:
    started = time.perf_counter()
    registries = {name: RegistryData(name=name, index=MemoryIndex(name)) for name in REGISTRIES}
    samplers = {name: CaseSampler(name, case_sizes(cases_per_registry), config.seed) for name in REGISTRIES}
    index_seconds = 0.0
    for generated in generate(config):
        for name, data in registries.items():
            samplers[name].observe(generated)
            rows = generated.rows(name)
            if not rows:
                continue
            began = time.perf_counter()
            data.index.add_many(rows)
            index_seconds += time.perf_counter() - began
            for row in rows:
                data.records_of[row.person_truth_id].append(row.record_id)
            if keep_rows:
                data.rows.extend(rows)
    for name, data in registries.items():
        data.cases = samplers[name].cases(config.profile, config.today)
    total = time.perf_counter() - started
    return BenchData(
        config=config,
        registries=registries,
        seconds={"generate": round(total - index_seconds, 2), "index": round(index_seconds, 2)},
    )
