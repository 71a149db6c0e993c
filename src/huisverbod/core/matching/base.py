"""The interface of a candidate source: where the matcher gets the records to score.

A back-end (``contrib/memory`` for tests and the benchmark; later ``contrib/django_sql``) files
each record under its ``blocking_keys`` and answers ``candidates``: the records filed under any of
the query keys. The scorer does not know or care which back-end it talks to.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from huisverbod.core.matching.features import Features
from huisverbod.core.matching.model import RecordLike


@dataclass(frozen=True, slots=True)
class Retrieved:
    """A record found by blocking, with the query keys that found it."""

    record: RecordLike
    keys: tuple[str, ...]
    features: Features | None = None  # precomputed by a back-end that caches them


@dataclass(frozen=True, slots=True)
class Retrieval:
    candidates: Sequence[Retrieved]
    truncated_keys: tuple[str, ...] = ()  # keys that held more records than the limit


class CandidateSource(ABC):
    """One registry's records, searchable by blocking key."""

    registry: str

    @abstractmethod
    def candidates(self, query_keys: Sequence[str], limit: int) -> Retrieval:
        """The records filed under any of ``query_keys``, each record once.

        At most ``limit`` records per key: a key that holds more (a hot key) is cut off and named
        in ``truncated_keys``, so one common value can never flood a lookup. Which records a cut
        keeps is up to the back-end, but it must be deterministic.
        """

    def record_count(self) -> int | None:
        """How many records the registry holds (the thresholds scale with it); None if unknown,
        which keeps the model's thresholds as trained. A SQL back-end can cache a COUNT(*)."""
        return None
