"""Person-matching benchmark: the project's matcher and Splink 5 on the same synthetic data.

    PYTHONPATH=src:. python -m bench.matching.run --records 10000 --json

Generates a police registry of N records and a Veilig Thuis registry of N/2 (standard noise
profile, seeded, known truth), indexes both in memory, and looks up case persons in each: mostly
persons with records there, plus family members and strangers without (to count false links). It
measures precision/recall/F1 over (case person, record) links in band ``match`` (and with
possible matches counted), the latency of a single lookup, and then runs Splink 5 with DuckDB on
the same case persons and registries. Prints one JSON line. Exit code 1 when Splink cannot run
(the JSON says why), 3 with ``--check`` when a target is missed, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from statistics import mean
from typing import Any

from bench.matching.dataset import BenchData, RegistryData, build
from bench.matching.stats import percentiles
from huisverbod.core.matching.base import CandidateSource, Retrieval
from huisverbod.core.matching.evaluate import Link, LinkMetrics, link_metrics
from huisverbod.core.matching.scorer import NO_MATCH, POSSIBLE_MATCH, Matcher
from huisverbod.core.matching.weights import load_model
from huisverbod.core.synth.generate import GENERATOR_VERSION, SynthConfig
from huisverbod.core.synth.profile import PROFILES, STANDARD

TARGET_F1 = 0.995
TARGET_SPEEDUP = 20.0
DEFAULT_SEED = 20251128


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu
            )
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


@dataclass
class Run:
    """One matcher over one registry's case persons."""

    made: set[Link] = field(default_factory=set)
    possible: set[Link] = field(default_factory=set)
    timings: list[float] = field(default_factory=list)
    candidates: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    with_possible: int = 0
    truncated_keys: int = 0


def _run_matcher(registry: RegistryData, matcher: Matcher) -> Run:
    run = Run()
    for case in registry.cases:
        began = time.perf_counter()
        result = matcher.find(case.person)
        run.timings.append((time.perf_counter() - began) * 1000)
        query = case.person.case_person_id
        for candidate in result.candidates:
            if candidate.band != NO_MATCH:
                (run.possible if candidate.band == POSSIBLE_MATCH else run.made).add(
                    (query, candidate.record_id)
                )
        run.with_possible += any(c.band == POSSIBLE_MATCH for c in result.candidates)
        run.candidates.append(len(result.candidates))
        run.keys.append(len(result.query_keys))
        run.truncated_keys += len(result.truncated_keys)
    return run


class WithoutCachedFeatures(CandidateSource):
    """The memory index, but handing out bare records as a SQL back-end would: the scorer then
    normalises every candidate itself (name parsing stays cached per process)."""

    def __init__(self, inner: CandidateSource) -> None:
        self.inner = inner
        self.registry = inner.registry

    def candidates(self, query_keys: Sequence[str], limit: int) -> Retrieval:
        found = self.inner.candidates(query_keys, limit)
        return Retrieval([replace(item, features=None) for item in found.candidates], found.truncated_keys)


def _sum(parts: Sequence[LinkMetrics]) -> LinkMetrics:
    return LinkMetrics(
        true_positives=sum(p.true_positives for p in parts),
        false_positives=sum(p.false_positives for p in parts),
        false_negatives=sum(p.false_negatives for p in parts),
    )


def evaluate_matcher(data: BenchData) -> dict[str, Any]:
    model = load_model()
    matched, both, ungrouped = [], [], []
    total, bare = Run(), Run()
    per_registry = {}
    for name, registry in data.registries.items():
        truth = registry.true_links()
        run = _run_matcher(registry, Matcher(registry.index, model))
        plain = _run_matcher(registry, Matcher(registry.index, model, group_by_registry_person=False))
        bare.timings.extend(
            _run_matcher(registry, Matcher(WithoutCachedFeatures(registry.index), model)).timings
        )
        matched.append(link_metrics(run.made, truth))
        both.append(link_metrics(run.made | run.possible, truth))
        ungrouped.append(link_metrics(plain.made, truth))
        per_registry[name] = {
            **matched[-1].to_dict(),
            "cases": len(registry.cases),
            "records": len(registry.index),
            "candidates_per_lookup": {
                "mean": round(mean(run.candidates), 1),
                **percentiles(run.candidates, (95, 100)),
            },
        }
        total.timings.extend(run.timings)
        total.candidates.extend(run.candidates)
        total.keys.extend(run.keys)
        total.with_possible += run.with_possible
        total.truncated_keys += run.truncated_keys
    queries = len(total.timings)
    overall = _sum(matched)
    return {
        **overall.to_dict(),
        "with_possible_matches": _sum(both).to_dict(),
        "without_registry_person_grouping": _sum(ungrouped).to_dict(),
        "possible_match_rate": round(total.with_possible / queries, 5),
        "lookup_ms": percentiles(total.timings),
        "lookup_ms_features_computed_per_lookup": percentiles(bare.timings),
        "query_keys_per_lookup": {"mean": round(mean(total.keys), 1), **percentiles(total.keys, (100,))},
        "candidates_per_lookup": {
            "mean": round(mean(total.candidates), 1),
            **percentiles(total.candidates, (95, 100)),
        },
        "truncated_keys": total.truncated_keys,
        "per_registry": per_registry,
        "model": {
            "id": model.id,
            "match_threshold": model.match_threshold,
            "possible_threshold": model.possible_threshold,
            "trained_on_seed": model.provenance.get("seed"),
        },
    }


def evaluate_splink(data: BenchData, realtime_samples: int) -> dict[str, Any]:
    try:
        from bench.matching.splink_side import run_splink, splink_versions

        versions = splink_versions()
    except ImportError as error:
        return {"error": f"Splink is not importable: {error}"}
    try:
        runs = {name: run_splink(registry, realtime_samples) for name, registry in data.registries.items()}
    except Exception as error:  # report any Splink failure in the JSON, never skip silently
        return {"error": f"Splink failed: {type(error).__name__}: {error}", **versions}
    overall = _sum(
        [LinkMetrics(r["true_positives"], r["false_positives"], r["false_negatives"]) for r in runs.values()]
    )
    police = runs["police"]["realtime_ms"]
    return {**overall.to_dict(), "realtime_ms": police, "per_registry": runs, **versions}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Person-matching benchmark against Splink.")
    parser.add_argument("--records", type=int, default=10_000, help="police records; Veilig Thuis gets half")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cases", type=int, default=2_000, help="case persons looked up per registry")
    parser.add_argument("--profile", default=STANDARD.id, choices=sorted(PROFILES))
    parser.add_argument("--realtime-samples", type=int, default=200)
    parser.add_argument("--no-splink", action="store_true", help="skip Splink (the result says so; exit 1)")
    parser.add_argument("--check", action="store_true", help="exit 3 when a target is missed")
    parser.add_argument("--json", action="store_true", help="print one JSON line (the default output)")
    parser.add_argument(
        "--database-url",
        help="also load the registries into this database (one of your own: it is migrated and its registry "
        "tables emptied) and time lookups through the SQL back-end",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    config = SynthConfig(seed=args.seed, police_records=args.records, profile=PROFILES[args.profile])
    data = build(config, args.cases)
    ours = evaluate_matcher(data)
    splink: dict[str, Any] = {"error": "skipped (--no-splink)"}
    if not args.no_splink:
        splink = evaluate_splink(data, args.realtime_samples)
    result: dict[str, Any] = {
        "benchmark": "matching",
        "records": args.records,
        "registries": config.target,
        "seed": args.seed,
        "noise_profile": config.profile.id,
        "generator": GENERATOR_VERSION,
        "cases_per_registry": args.cases,
        **ours,
        "splink": splink,
    }
    if args.database_url:
        from bench.matching.database import evaluate as evaluate_database

        result["database"] = evaluate_database(data, args.database_url)
    targets = {"f1_at_least_0_995": ours["f1"] >= TARGET_F1}
    if args.database_url:
        targets["database_lookup_p95_at_most_25_ms"] = result["database"]["lookup_ms"]["p95"] <= 25.0
    if "error" not in splink:
        speedup = splink["realtime_ms"]["p50"] / max(ours["lookup_ms"]["p50"], 1e-9)
        result["speedup_vs_splink_realtime_p50"] = round(speedup, 1)
        targets["f1_at_least_splink"] = ours["f1"] >= splink["f1"]
        targets["at_least_20x_faster"] = speedup >= TARGET_SPEEDUP
    result["targets_met"] = targets
    result["seconds"] = {**data.seconds, "total": round(time.perf_counter() - started, 1)}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["machine"] = machine()
    print(json.dumps(result, separators=(",", ":")))
    if "error" in splink:
        return 1
    return 3 if args.check and not all(targets.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
