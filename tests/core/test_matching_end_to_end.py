"""End to end on synthetic registries: generate 2,000 police and 1,000 Veilig Thuis records with
the standard noise profile, look up case persons (in the registry, family members who are not,
strangers), and measure the links against the known truth."""

from __future__ import annotations

from collections import defaultdict

import pytest

from huisverbod.core.matching import MATCH, Matcher
from huisverbod.core.matching.contrib.memory import MemoryIndex
from huisverbod.core.matching.evaluate import LinkMetrics, link_metrics
from huisverbod.core.synth.cases import FAMILY_NOT_IN_REGISTRY, IN_REGISTRY, NOT_IN_REGISTRY, CaseSampler
from huisverbod.core.synth.generate import SynthConfig, generate
from huisverbod.core.synth.rows import REGISTRIES

SEED = 4242  # neither the training seed of the shipped model nor the benchmark's


@pytest.fixture(scope="module")
def links() -> dict[str, LinkMetrics]:
    config = SynthConfig(seed=SEED, police_records=2_000)
    indexes = {name: MemoryIndex(name) for name in REGISTRIES}
    records_of: dict[str, dict[int, list[str]]] = {name: defaultdict(list) for name in REGISTRIES}
    sizes = {IN_REGISTRY: 400, FAMILY_NOT_IN_REGISTRY: 50, NOT_IN_REGISTRY: 50}
    samplers = {name: CaseSampler(name, sizes, SEED) for name in REGISTRIES}
    for generated in generate(config):
        for name in REGISTRIES:
            samplers[name].observe(generated)
            indexes[name].add_many(generated.rows(name))
            for row in generated.rows(name):
                records_of[name][row.person_truth_id].append(row.record_id)
    result = {}
    for name in REGISTRIES:
        matcher = Matcher(indexes[name])
        made, truth = set(), set()
        for case in samplers[name].cases(config.profile, config.today):
            query = case.person.case_person_id
            truth |= {(query, record) for record in records_of[name].get(case.person.person_truth_id, ())}
            made |= {(query, c.record_id) for c in matcher.find(case.person).candidates if c.band == MATCH}
        result[name] = link_metrics(made, truth)
    return result


def test_f1_on_2000_records_is_at_least_0_99(links: dict[str, LinkMetrics]) -> None:
    total = LinkMetrics(
        true_positives=sum(m.true_positives for m in links.values()),
        false_positives=sum(m.false_positives for m in links.values()),
        false_negatives=sum(m.false_negatives for m in links.values()),
    )
    assert total.true_positives > 1000
    assert total.f1 >= 0.99, total.to_dict()


@pytest.mark.parametrize("registry", REGISTRIES)
def test_each_registry_is_matched_well(links: dict[str, LinkMetrics], registry: str) -> None:
    assert links[registry].precision >= 0.98, links[registry].to_dict()
    assert links[registry].recall >= 0.98, links[registry].to_dict()
