"""The interface every risk instrument implements, and the results it gives.

An instrument reads item answers (each traceable to facts) and rates signals in parts, then draws
a conclusion. The answers come from one shared item bank, so two instruments that ask the same
question get the same answer, once (the alignment of the RiHG with Veilig Thuis's safety
assessment). Declarative definition files (``contrib/<plugin>/*.toml``) are the usual way to add
an instrument; a Python class that satisfies :class:`Instrument` can be registered as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol


class Rating(StrEnum):
    """A signal's rating, as the RiHG scores it (NJI): red high, blue medium, yellow low."""

    RED = "red"
    BLUE = "blue"
    YELLOW = "yellow"

    @property
    def level(self) -> int:
        return {Rating.YELLOW: 0, Rating.BLUE: 1, Rating.RED: 2}[self]


class AnswerOrigin(StrEnum):
    PREFILLED = "prefilled"  # derived from the facts by the item bank's conditions
    OVERRIDDEN = "overridden"  # set by a professional, with a written reason


@dataclass(frozen=True)
class CaseRoles:
    """Who is who, as the law sees it; built by the caller (core/law/persons.py)."""

    day: date  # the assessment date in Europe/Amsterdam; "recent" counts back from it
    perpetrators: frozenset[str]  # the person the order would be imposed on (empty: none)
    protected: frozenset[str]  # everyone else the facts may name as harmed
    minors: frozenset[str]  # under the age of art. 2 lid 2 Wth on ``day``


@dataclass(frozen=True)
class ItemAnswer:
    """One answered item: yes or no, with the facts (and their sources) that support a yes."""

    item: str
    answer: bool
    facts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    origin: AnswerOrigin = AnswerOrigin.PREFILLED
    reason: str | None = None  # the professional's reason, for an override

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.item,
            "answer": "yes" if self.answer else "no",
            "facts": list(self.facts),
            "sources": list(self.sources),
            "origin": self.origin.value,
        }
        if self.reason is not None:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class SignalResult:
    id: str
    rating: Rating
    facts: tuple[str, ...]  # the facts of the yes items, in file order
    items: tuple[ItemAnswer, ...]


@dataclass(frozen=True)
class PartResult:
    id: str
    signals: tuple[SignalResult, ...]

    def with_rating(self, rating: Rating) -> tuple[SignalResult, ...]:
        return tuple(signal for signal in self.signals if signal.rating == rating)


@dataclass(frozen=True)
class InstrumentResult:
    id: str
    version: str
    parts: tuple[PartResult, ...]
    conclusion: str
    matched: tuple[str, ...]  # every conclusion rule that held, the chosen one first
    conclusion_signals: tuple[str, ...]  # the signals that made the chosen conclusion hold

    def signals(self) -> tuple[SignalResult, ...]:
        return tuple(signal for part in self.parts for signal in part.signals)

    def signal(self, signal_id: str) -> SignalResult | None:
        return next((s for s in self.signals() if s.id == signal_id), None)

    def count(self, rating: Rating) -> int:
        return sum(len(part.with_rating(rating)) for part in self.parts)


class Instrument(Protocol):
    """What the engine needs from an instrument (declarative or written in Python)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...

    def title(self, language: str) -> str: ...

    def item_ids(self) -> frozenset[str]:
        """The item-bank items this instrument reads."""
        ...

    def evaluate(self, answers: Mapping[str, ItemAnswer]) -> InstrumentResult:
        """Rate the signals and conclude, from answers to (at least) :meth:`item_ids`."""
        ...

    def label(self, key: str, language: str) -> str:
        """The title of a part, a signal or a conclusion (``key`` is its id), for people."""
        ...
