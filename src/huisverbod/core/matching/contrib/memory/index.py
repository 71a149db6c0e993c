"""The in-memory index."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from huisverbod.core.matching.base import CandidateSource, Retrieval, Retrieved
from huisverbod.core.matching.features import Features, features_of
from huisverbod.core.matching.keys import record_keys_from_features
from huisverbod.core.matching.model import RecordLike
from huisverbod.core.matching.registry import register


@register("memory")
class MemoryIndex(CandidateSource):
    """Records filed under their blocking keys, with their features computed once."""

    def __init__(self, registry: str = "", records: Iterable[RecordLike] = ()) -> None:
        self.registry = registry
        self._records: list[RecordLike] = []
        self._features: list[Features] = []
        self._postings: dict[str, list[int]] = {}
        self.add_many(records)

    def __len__(self) -> int:
        return len(self._records)

    def add(self, record: RecordLike) -> None:
        position = len(self._records)
        features = features_of(record)
        self._records.append(record)
        self._features.append(features)
        for key in record_keys_from_features(features):
            self._postings.setdefault(key, []).append(position)

    def add_many(self, records: Iterable[RecordLike]) -> None:
        for record in records:
            self.add(record)

    def record_count(self) -> int:
        return len(self._records)

    def key_sizes(self) -> dict[str, int]:
        """How many records each key holds (for checking that no key is hot)."""
        return {key: len(positions) for key, positions in self._postings.items()}

    def candidates(self, query_keys: Sequence[str], limit: int) -> Retrieval:
        found: dict[int, list[str]] = {}
        truncated: list[str] = []
        for key in query_keys:
            positions = self._postings.get(key)
            if not positions:
                continue
            if len(positions) > limit:
                truncated.append(key)
                positions = positions[:limit]
            for position in positions:
                found.setdefault(position, []).append(key)
        return Retrieval(
            candidates=[
                Retrieved(record=self._records[i], keys=tuple(keys), features=self._features[i])
                for i, keys in found.items()
            ],
            truncated_keys=tuple(truncated),
        )
