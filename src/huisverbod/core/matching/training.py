"""Estimating a match model from labelled data (the known truth of a synthetic training set, or
pairs professionals confirmed).

- m, per field and level: how often the level is reached by ALL true (person, record) pairs,
  whether blocking finds them or not.
- u, per field and level: how often it is reached by RANDOM pairs of a person and a record of
  different persons (random sampling, as Splink does). Random pairs, not blocked candidates: among
  candidates, family members at the same address dominate, and u measured there would make "same
  address" count against a match.
- Add-one-half smoothing keeps every weight finite; the prior is the chance that a random
  (person, record) pair is the same person, for the training registry size.
- Term frequencies of surnames and first given names come from the registry records.
- The thresholds are chosen on the candidate pairs blocking retrieves (see ``choose_thresholds``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from random import Random
from typing import Any

from huisverbod.core.matching.base import CandidateSource
from huisverbod.core.matching.compare import FIELDS, LEVELS, comparison_levels
from huisverbod.core.matching.features import Features, features_of
from huisverbod.core.matching.model import PersonLike, RecordLike
from huisverbod.core.matching.scorer import DEFAULT_LIMIT_PER_KEY, GUARDS_THAT_CAP, Matcher
from huisverbod.core.matching.weights import LevelWeight, MatchModel, TermFrequencies

SMOOTHING = 0.5
DEFAULT_POSSIBLE_PRECISION = 0.1
DEFAULT_MAX_POSSIBLE_GAP = 15.0

LevelVector = tuple[str, ...]  # one level per field, in FIELDS order


def level_vector(levels: Mapping[str, str]) -> LevelVector:
    return tuple(levels[name] for name in FIELDS)


@dataclass
class PairCounts:
    """Pairs counted per distinct level vector (a few thousand distinct vectors at most)."""

    vectors: Counter[tuple[LevelVector, bool]] = field(default_factory=Counter)
    missed_true_links: int = 0  # true links blocking did not retrieve (they lower recall only)

    def add(self, levels: Mapping[str, str], same_person: bool) -> None:
        self.vectors[(level_vector(levels), same_person)] += 1

    def update(self, other: PairCounts) -> None:
        self.vectors.update(other.vectors)
        self.missed_true_links += other.missed_true_links

    def totals(self) -> tuple[int, int]:
        true = sum(n for (_, same), n in self.vectors.items() if same)
        return true, sum(self.vectors.values()) - true

    def level_counts(self, same_person: bool) -> dict[str, Counter[str]]:
        by_field: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
        for (vector, same), n in self.vectors.items():
            if same == same_person:
                for name, level in zip(FIELDS, vector, strict=True):
                    by_field[name][level] += n
        return by_field


def _probabilities(counts: Counter[str], codes: Sequence[str], smoothing: float) -> dict[str, float]:
    total = sum(counts.values()) + smoothing * len(codes)
    return {code: (counts[code] + smoothing) / total for code in codes}


def estimate_levels(
    true_pairs: PairCounts, random_pairs: PairCounts, smoothing: float = SMOOTHING
) -> dict[str, dict[str, LevelWeight]]:
    m_counts, u_counts = true_pairs.level_counts(True), random_pairs.level_counts(False)
    levels: dict[str, dict[str, LevelWeight]] = {}
    for name in FIELDS:
        m = _probabilities(m_counts[name], LEVELS[name], smoothing)
        u = _probabilities(u_counts[name], LEVELS[name], smoothing)
        for code in LEVELS[name]:
            # A missing value is no evidence either way; and a level never seen between records of
            # the same person must not count FOR a match just because smoothing made m > u.
            if code == "missing" or (m_counts[name][code] == 0 and m[code] > u[code]):
                m[code] = u[code]
        levels[name] = {code: LevelWeight(m=m[code], u=u[code]) for code in LEVELS[name]}
    return levels


def term_frequencies(records: Iterable[Features], min_count: int = 5) -> dict[str, TermFrequencies]:
    """How common each surname and first given name is among registry records. Values seen fewer
    than ``min_count`` times are not listed; they get the average share of such rare values."""
    counters: dict[str, Counter[str]] = {"surname": Counter(), "given_names": Counter()}
    total = 0
    for features in records:
        total += 1
        if features.surname.cores:
            counters["surname"]["-".join(features.surname.cores)] += 1
        if features.given.names:
            counters["given_names"][features.given.names[0]] += 1
    result: dict[str, TermFrequencies] = {}
    for name, counter in counters.items():
        common = {value: round(n / total, 8) for value, n in counter.items() if n >= min_count}
        rare = [n for n in counter.values() if n < min_count]
        default = (sum(rare) / len(rare) if rare else 1) / max(total, 1)
        result[name] = TermFrequencies(values=common, default=default)
    return result


@dataclass
class ScoredPairs:
    """Candidate pairs as the matcher scores them: counts per (total weight, guarded, same person)."""

    totals: Counter[tuple[float, bool, bool]] = field(default_factory=Counter)
    missed_true_links: int = 0  # true links blocking did not retrieve (they lower recall only)

    def update(self, other: ScoredPairs) -> None:
        self.totals.update(other.totals)
        self.missed_true_links += other.missed_true_links

    def counts(self) -> tuple[int, int]:
        true = sum(n for (_, _, same), n in self.totals.items() if same)
        return true, sum(self.totals.values()) - true


def choose_thresholds(
    scored: ScoredPairs,
    possible_precision: float = DEFAULT_POSSIBLE_PRECISION,
    max_possible_gap: float = DEFAULT_MAX_POSSIBLE_GAP,
) -> tuple[float, float, dict[str, Any]]:
    """``match``: the total weight that maximises F1 over the links (true links that blocking
    missed or a guard holds back count as misses), set halfway to the next lower total so it is
    not on a knife edge. ``possible_match``: the lowest total down to which the pairs between it
    and ``match`` are still at least ``possible_precision`` true (a person confirms each, so the
    band stays short), and never more than ``max_possible_gap`` below ``match``. (Pairs a guard
    holds back are possible matches whatever their total, if above ``possible_match``.)"""
    by_total: dict[float, list[int]] = {}
    for (total, guarded, same), n in scored.totals.items():
        entry = by_total.setdefault(total, [0, 0, 0, 0])  # unguarded true, false; guarded true, false
        entry[(2 if guarded else 0) + (0 if same else 1)] += n
    ordered = sorted(by_total.items(), reverse=True)
    all_true = sum(e[0] + e[2] for _, e in ordered) + scored.missed_true_links
    best_f1, cut = -1.0, 0
    hits = made = 0
    for position, (_, entry) in enumerate(ordered):
        hits, made = hits + entry[0], made + entry[0] + entry[1]
        f1 = 2 * hits / (made + all_true)
        if f1 > best_f1:
            best_f1, cut = f1, position
    lower = ordered[cut + 1][0] if cut + 1 < len(ordered) else ordered[cut][0] - 1
    match = (ordered[cut][0] + lower) / 2
    band_true = band_all = 0
    possible = match
    for total, entry in ordered[cut + 1 :]:
        if total < match - max_possible_gap:
            break
        band_true, band_all = band_true + entry[0] + entry[2], band_all + sum(entry)
        if band_all and band_true / band_all >= possible_precision:
            possible = total
    guarded_true = sum(e[2] for _, e in ordered)
    stats = {
        "training_f1_at_match": round(best_f1, 5),
        "true_links": all_true,
        "guarded_true_links": guarded_true,
    }
    return round(match, 3), round(min(possible, match), 3), stats


def estimate_model(
    true_pairs: PairCounts,
    random_pairs: PairCounts,
    frequencies: Mapping[str, TermFrequencies],
    prior: float,
    model_id: str,
) -> MatchModel:
    """The model without thresholds (both 0); score candidates with it, then ``with_thresholds``."""
    return MatchModel(
        id=model_id,
        prior=prior,
        match_threshold=0.0,
        possible_threshold=0.0,
        levels=estimate_levels(true_pairs, random_pairs),
        term_frequencies=dict(frequencies),
    )


def with_thresholds(
    model: MatchModel, scored: ScoredPairs, provenance: Mapping[str, Any], **threshold_options: float
) -> MatchModel:
    match, possible, stats = choose_thresholds(scored, **threshold_options)
    true_candidates, false_candidates = scored.counts()
    return replace(
        model,
        match_threshold=match,
        possible_threshold=possible,
        provenance={
            **provenance,
            "candidate_pairs": {"same_person": true_candidates, "different_persons": false_candidates},
            "missed_true_links": scored.missed_true_links,
            **stats,
        },
    )


def scored_candidates(
    source: CandidateSource,
    queries: Iterable[tuple[PersonLike, int]],
    truth_of: Callable[[RecordLike], int],
    true_links: Callable[[int], int],
    model: MatchModel,
    limit_per_key: int = DEFAULT_LIMIT_PER_KEY,
) -> ScoredPairs:
    """Look every query (a person with its truth id) up as the matcher does, and count the
    candidates' totals, labelled by ``truth_of`` (a record's truth id). ``true_links(truth_id)``
    says how many records the registry holds for that person."""
    matcher = Matcher(source, model, limit_per_key, group_by_registry_person=False)
    shift = model.size_shift(source.record_count())  # totals are kept at the reference size
    scored = ScoredPairs()
    for person, truth_id in queries:
        found = 0
        for candidate in matcher.find(person).candidates:
            same = truth_of(candidate.record) == truth_id
            found += same
            guarded = bool(GUARDS_THAT_CAP.intersection(candidate.notes))
            scored.totals[(round(candidate.total_weight - shift, 3), guarded, same)] += 1
        scored.missed_true_links += true_links(truth_id) - found
    return scored


def true_pair_levels(pairs: Iterable[tuple[PersonLike, RecordLike]]) -> PairCounts:
    """The level vectors of known true (person, record) pairs: the m side."""
    counts = PairCounts()
    for person, record in pairs:
        counts.add(comparison_levels(features_of(person), features_of(record)), True)
    return counts


def random_pair_levels(
    people: Sequence[tuple[Features, int]], records: Sequence[tuple[Features, int]], samples: int, seed: int
) -> PairCounts:
    """The level vectors of ``samples`` random (person, record) pairs of different persons (each
    given with its truth id): the u side."""
    rng = Random(seed)  # noqa: S311 - sampling, not security  # nosec B311
    counts = PairCounts()
    drawn = 0
    while drawn < samples:
        person, person_truth = people[rng.randrange(len(people))]
        record, record_truth = records[rng.randrange(len(records))]
        if person_truth != record_truth:
            counts.add(comparison_levels(person, record), False)
            drawn += 1
    return counts
