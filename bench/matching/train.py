"""Estimate the shipped match model from a synthetic TRAINING set (its own seed, never the
benchmark's) and write it to ``src/huisverbod/core/matching/weights/<id>.json``.

    PYTHONPATH=src:. python -m bench.matching.train --records 100000 --seed 1001

m from all true (case person, record) pairs, u from random pairs, term frequencies from the
records, thresholds from the candidate pairs blocking retrieves; see
``huisverbod.core.matching.training`` and ``docs/matching.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench.matching.dataset import BenchData, build
from huisverbod.core.matching.features import features_of
from huisverbod.core.matching.model import RecordLike
from huisverbod.core.matching.training import (
    DEFAULT_POSSIBLE_PRECISION,
    PairCounts,
    ScoredPairs,
    estimate_model,
    random_pair_levels,
    scored_candidates,
    term_frequencies,
    true_pair_levels,
    with_thresholds,
)
from huisverbod.core.matching.weights import MODEL_DIR, MatchModel
from huisverbod.core.synth.generate import GENERATOR_VERSION, SynthConfig
from huisverbod.core.synth.profile import PROFILES


def _truth(record: RecordLike) -> int:
    truth = getattr(record, "person_truth_id", None)
    if not isinstance(truth, int):
        raise TypeError(f"record {record.record_id} carries no person_truth_id")
    return truth


def train(data: BenchData, model_id: str, random_samples: int, seed: int) -> tuple[MatchModel, ScoredPairs]:
    """Estimate m, u, term frequencies and the prior; then score every case person's candidates
    with that model (the thresholds are chosen on those scores by the caller)."""
    true_pairs, random_pairs = PairCounts(), PairCounts()
    links = comparisons = 0
    for number, registry in enumerate(data.registries.values()):
        by_id = {row.record_id: row for row in registry.rows}
        people = [case.person for case in registry.cases]
        truth_pairs = [
            (person, by_id[record_id])
            for person in people
            for record_id in registry.records_of.get(person.person_truth_id, ())
        ]
        true_pairs.update(true_pair_levels(truth_pairs))
        links += len(truth_pairs)
        comparisons += len(people) * len(registry.rows)
        random_pairs.update(
            random_pair_levels(
                [(features_of(p), p.person_truth_id) for p in people],
                [(features_of(row), row.person_truth_id) for row in registry.rows],
                random_samples // len(data.registries),
                seed + number,
            )
        )
    frequencies = term_frequencies(features_of(row) for r in data.registries.values() for row in r.rows)
    reference = round(sum(len(r.rows) for r in data.registries.values()) / len(data.registries))
    prior = links / comparisons  # at the size of an average registry of the training set
    model = replace(
        estimate_model(true_pairs, random_pairs, frequencies, prior, model_id), reference_records=reference
    )
    scored = ScoredPairs()
    for registry in data.registries.values():
        scored.update(
            scored_candidates(
                registry.index,
                [(case.person, case.person.person_truth_id) for case in registry.cases],
                _truth,
                registry.true_link_count,
                model,
            )
        )
    counts = {"true_pairs": true_pairs.totals()[0], "random_pairs": random_pairs.totals()[1]}
    return replace(model, provenance=counts), scored


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Estimate the match model from a synthetic training set.")
    parser.add_argument("--records", type=int, default=100_000, help="police records (VT: half)")
    parser.add_argument("--seed", type=int, default=1001)
    parser.add_argument("--cases", type=int, default=10_000, help="case persons per registry")
    parser.add_argument("--random-pairs", type=int, default=2_000_000)
    parser.add_argument("--profile", default="standard-1", choices=sorted(PROFILES))
    parser.add_argument("--possible-precision", type=float, default=DEFAULT_POSSIBLE_PRECISION)
    parser.add_argument("--model-id", default="standard")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    config = SynthConfig(seed=args.seed, police_records=args.records, profile=PROFILES[args.profile])
    data = build(config, args.cases)
    model, scored = train(data, args.model_id, args.random_pairs, args.seed)
    provenance = {
        "method": (
            "m from all true (case person, record) pairs and u from random pairs of a synthetic "
            "training set (known truth); thresholds from its blocked candidate pairs"
        ),
        "generator": GENERATOR_VERSION,
        "noise_profile": config.profile.id,
        "seed": config.seed,
        "police_records": config.target["police"],
        "veilig_thuis_records": config.target["veilig_thuis"],
        "case_persons_per_registry": args.cases,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "PYTHONPATH=src:. python -m bench.matching.train "
        + " ".join(sys.argv[1:] if argv is None else argv),
    }
    model = with_thresholds(
        model, scored, {**provenance, **model.provenance}, possible_precision=args.possible_precision
    )
    out = args.out or MODEL_DIR / f"{args.model_id}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {"written": str(out), **model.to_dict()["thresholds"], "prior": model.prior}
    print(json.dumps({**summary, "seconds": round(time.perf_counter() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
