"""Link quality: precision, recall and F1 over (query, record) links.

The unit is the link between one case person and one registry record: a person with three
meldingen in a registry has three true links. A link is a true positive when the record is about
the same (synthetic) person as the query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Link = tuple[str, str]  # (query id, record id)


@dataclass(frozen=True)
class LinkMetrics:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        made = self.true_positives + self.false_positives
        return self.true_positives / made if made else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 5),
            "recall": round(self.recall, 5),
            "f1": round(self.f1, 5),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


def link_metrics(predicted: Iterable[Link], expected: Iterable[Link]) -> LinkMetrics:
    made, truth = set(predicted), set(expected)
    hits = len(made & truth)
    return LinkMetrics(
        true_positives=hits, false_positives=len(made) - hits, false_negatives=len(truth) - hits
    )
