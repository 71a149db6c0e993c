"""All persons of one case against one registry: a record is one person's, never two.

Looked up one by one, a father and his son of the same name may both match the same melding.
``resolve_case`` keeps each record in band ``match`` for the case person it fits best (highest
total weight) and moves it to ``possible_match`` for the others, with a note, so a professional
decides. Several records per person stay allowed: a person can have many meldingen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from huisverbod.core.matching.scorer import MATCH, MATCHED_TO_OTHER_CASE_PERSON, POSSIBLE_MATCH, MatchResult

__all__ = ["MATCHED_TO_OTHER_CASE_PERSON", "resolve_case"]


def resolve_case(results: Mapping[str, MatchResult]) -> dict[str, MatchResult]:
    """``results`` maps case person ids to their lookups in ONE registry."""
    best: dict[str, tuple[float, str]] = {}
    for person_id, result in results.items():
        for candidate in result.matches:
            current = best.get(candidate.record_id)
            if current is None or (candidate.total_weight, person_id) > current:
                best[candidate.record_id] = (candidate.total_weight, person_id)
    resolved = {}
    for person_id, result in results.items():
        candidates = tuple(
            replace(c, band=POSSIBLE_MATCH, notes=(*c.notes, MATCHED_TO_OTHER_CASE_PERSON))
            if c.band == MATCH and best[c.record_id][1] != person_id
            else c
            for c in result.candidates
        )
        resolved[person_id] = replace(result, candidates=candidates)
    return resolved
