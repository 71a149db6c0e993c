"""The Splink 5 (DuckDB) side of the benchmark: the same case persons, the same registry.

A reasonable, unsupervised Splink model, as a Splink user would set it up for Dutch person data:
names folded (lower case, no diacritics), the surname without its tussenvoegsel, and

- comparisons: first given name and surname (``NameComparison``, Jaro-Winkler levels, with term
  frequency adjustments), birth date (``DateOfBirthComparison``), postcode (Levenshtein), house
  number, BSN and sex (exact);
- blocking for prediction: BSN; birth date; surname + birth year; postcode + house number; first
  given name + surname;
- training WITHOUT the truth: the prior from deterministic rules, u by random sampling, m by
  expectation maximisation (blocked on birth date, then on surname + given name).

A link is a pair with match probability >= 0.5. The truth is used only afterwards, to score.
Splink imports lazily, so the rest of the benchmark runs (and reports the error) without it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from random import Random
from typing import Any

from bench.matching.dataset import RegistryData
from bench.matching.stats import percentiles
from huisverbod.core.matching.evaluate import Link, link_metrics
from huisverbod.core.matching.features import features_of
from huisverbod.core.matching.model import PersonLike

LINK_PROBABILITY = 0.5
SPLINK_SEED = 42


def splink_versions() -> dict[str, str]:
    import duckdb
    import splink

    return {"splink_version": splink.__version__, "duckdb_version": duckdb.__version__}


def splink_row(unique_id: str, person: PersonLike) -> dict[str, Any]:
    """One input row for Splink: the fields folded the way a careful Splink user would."""
    features = features_of(person)
    given = features.given.names[0] if features.given.names else (features.given.initials[:1] or None)
    return {
        "unique_id": unique_id,
        "given_name": given,
        "surname": " ".join(features.surname.cores) or None,
        "birth_date": features.birth_date.isoformat() if features.birth_date else None,
        "postcode": features.postcode or None,
        "house_number": features.house_number or None,
        "bsn": features.bsn or None,
        "sex": features.sex,
    }


def _settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.LevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("house_number"),
            cl.ExactMatch("bsn"),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"),
            block_on("birth_date"),
            block_on("surname", "substr(birth_date, 1, 4)"),
            block_on("postcode", "house_number"),
            block_on("given_name", "surname"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def run_splink(registry: RegistryData, realtime_samples: int = 200) -> dict[str, Any]:
    import pandas as pd
    from splink import DuckDBAPI, Linker, block_on

    started = time.perf_counter()
    cases = [splink_row(case.person.case_person_id, case.person) for case in registry.cases]
    records = [splink_row(row.record_id, row) for row in registry.rows]
    db_api = DuckDBAPI()
    left = db_api.register(pd.DataFrame(cases), dataset_display_name="cases")
    right = db_api.register(pd.DataFrame(records), dataset_display_name="registry")
    linker = Linker([left, right], _settings(), log_level=logging.ERROR)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "birth_date")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=5e6, seed=SPLINK_SEED)
    training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    training.estimate_parameters_using_expectation_maximisation(block_on("surname", "given_name"))
    for column in ("given_name", "surname"):
        linker.table_management.compute_tf_table(column)
    trained = time.perf_counter()

    frame = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    predicted = time.perf_counter()
    case_ids = {row["unique_id"] for row in cases}
    scored: dict[Link, float] = {}
    for left_id, right_id, probability in zip(
        frame["unique_id_l"], frame["unique_id_r"], frame["match_probability"], strict=True
    ):
        link = (left_id, right_id) if left_id in case_ids else (right_id, left_id)
        scored[link] = max(probability, scored.get(link, 0.0))
    truth = registry.true_links()
    made = {link for link, probability in scored.items() if probability >= LINK_PROBABILITY}
    metrics = link_metrics(made, truth)
    return {
        **metrics.to_dict(),
        "link_probability": LINK_PROBABILITY,
        "oracle_best_threshold": _oracle(scored, truth),
        "realtime_ms": _realtime(linker, cases, records, truth, realtime_samples),
        "seconds": {"train": round(trained - started, 2), "predict": round(predicted - trained, 2)},
    }


def _oracle(scored: dict[Link, float], truth: set[Link]) -> dict[str, float]:
    """The best F1 any probability threshold gives, chosen WITH the truth: an upper bound on
    Splink for this data, not a fair result (it is reported for context only)."""
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    best = {"f1": 0.0, "threshold": 1.0}
    hits = 0
    for made, (link, probability) in enumerate(ranked, start=1):
        hits += link in truth
        f1 = 2 * hits / (made + len(truth))
        if f1 > best["f1"]:
            best = {"f1": round(f1, 5), "threshold": round(probability, 6)}
    return best


def _realtime(
    linker: Any,
    cases: Sequence[dict[str, Any]],
    records: Sequence[dict[str, Any]],
    truth: set[Link],
    samples: int,
) -> dict[str, float]:
    """Real-time scoring of one (person, record) pair with ``linker.inference.score_pair``,
    Splink 5's successor of ``compare_two_records``; half true pairs, half random pairs."""
    rng = Random(SPLINK_SEED)
    by_id = {row["unique_id"]: row for row in records}
    case_by_id = {row["unique_id"]: row for row in cases}
    true_pairs = sorted(truth)
    pairs = [
        (case_by_id[case_id], by_id[record_id])
        for case_id, record_id in rng.sample(true_pairs, min(len(true_pairs), samples // 2))
    ]
    while len(pairs) < samples:
        pairs.append((rng.choice(cases), rng.choice(records)))
    linker.inference.score_pair(pairs[0][0], pairs[0][1]).as_pandas_dataframe()  # warm up
    timings = []
    for left, right in pairs:
        began = time.perf_counter()
        linker.inference.score_pair(left, right).as_pandas_dataframe()
        timings.append((time.perf_counter() - began) * 1000)
    return percentiles(timings, (50, 95))
