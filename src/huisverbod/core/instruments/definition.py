"""Declarative instruments: a definition file (TOML) run by one engine.

Nothing here knows a particular form. A definition lists parts, each with signals; a signal names
the item-bank items it reads and the rule for each rating; the conclusions are ordered rules over
the ratings. The file format is ``huisverbod-instrument/1`` (see docs/assessment.md).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from huisverbod.core.instruments.base import (
    InstrumentResult,
    ItemAnswer,
    PartResult,
    Rating,
    SignalResult,
)
from huisverbod.core.instruments.errors import DefinitionError

DEFINITION_FORMAT = "huisverbod-instrument/1"
ANY_PART = "*"


@dataclass(frozen=True)
class RatingRule:
    """A rating holds when any clause holds: one of ``any`` yes, all of ``all`` yes, or enough yes."""

    any: frozenset[str] = frozenset()
    all: frozenset[str] = frozenset()
    min_yes: int | None = None

    def holds(self, yes: frozenset[str]) -> bool:
        return (
            bool(self.any & yes)
            or (bool(self.all) and self.all <= yes)
            or (self.min_yes is not None and len(yes) >= self.min_yes)
        )


@dataclass(frozen=True)
class SignalDefinition:
    id: str
    title: Mapping[str, str]
    items: tuple[str, ...]
    red: RatingRule | None  # None: the signal is never red
    blue: RatingRule
    sources: tuple[str, ...]  # where the signal comes from in the literature (documentation)

    def rate(self, answers: Mapping[str, ItemAnswer]) -> SignalResult:
        asked = tuple(answers[item] for item in self.items)
        yes = frozenset(a.item for a in asked if a.answer)
        if self.red is not None and self.red.holds(yes):
            rating = Rating.RED
        elif self.blue.holds(yes):
            rating = Rating.BLUE
        else:
            rating = Rating.YELLOW
        facts = tuple(dict.fromkeys(f for a in asked if a.answer for f in a.facts))
        return SignalResult(id=self.id, rating=rating, facts=facts, items=asked)


@dataclass(frozen=True)
class PartDefinition:
    id: str
    title: Mapping[str, str]
    signals: tuple[SignalDefinition, ...]


@dataclass(frozen=True)
class ConclusionCondition:
    part: str | None = None  # a part id, or ``*`` for any one part
    min_red: int | None = None
    signal: str | None = None
    rating: Rating | None = None

    def holding_signals(self, parts: tuple[PartResult, ...]) -> tuple[str, ...] | None:
        """The signals that make the condition hold, or None when it does not hold."""
        if self.signal is not None and self.rating is not None:
            for part in parts:
                for signal in part.signals:
                    if signal.id == self.signal and signal.rating.level >= self.rating.level:
                        return (signal.id,)
            return None
        min_red = self.min_red or 1
        held = [
            part.with_rating(Rating.RED)
            for part in parts
            if self.part in (ANY_PART, part.id) and len(part.with_rating(Rating.RED)) >= min_red
        ]
        return tuple(s.id for signals in held for s in signals) if held else None


@dataclass(frozen=True)
class ConclusionRule:
    id: str
    title: Mapping[str, str]
    when_any: tuple[ConclusionCondition, ...]  # empty: the fall-back conclusion


@dataclass(frozen=True)
class DeclarativeInstrument:
    """An instrument read from a definition file; implements ``base.Instrument``."""

    id: str
    version: str
    titles: Mapping[str, str]
    parts: tuple[PartDefinition, ...]
    conclusions: tuple[ConclusionRule, ...]  # in order; the last is the fall-back

    def title(self, language: str) -> str:
        return _text(self.titles, language)

    def item_ids(self) -> frozenset[str]:
        return frozenset(item for part in self.parts for signal in part.signals for item in signal.items)

    def label(self, key: str, language: str) -> str:
        for part in self.parts:
            if part.id == key:
                return _text(part.title, language)
            for signal in part.signals:
                if signal.id == key:
                    return _text(signal.title, language)
        for rule in self.conclusions:
            if rule.id == key:
                return _text(rule.title, language)
        return key

    def signal_definitions(self) -> tuple[SignalDefinition, ...]:
        return tuple(signal for part in self.parts for signal in part.signals)

    def evaluate(self, answers: Mapping[str, ItemAnswer]) -> InstrumentResult:
        parts = tuple(
            PartResult(id=part.id, signals=tuple(signal.rate(answers) for signal in part.signals))
            for part in self.parts
        )
        matched: list[tuple[str, tuple[str, ...]]] = []
        for rule in self.conclusions:
            if not rule.when_any:
                matched.append((rule.id, ()))
                continue
            for condition in rule.when_any:
                signals = condition.holding_signals(parts)
                if signals is not None:
                    matched.append((rule.id, signals))
                    break
        chosen, because = matched[0]
        return InstrumentResult(
            id=self.id,
            version=self.version,
            parts=parts,
            conclusion=chosen,
            matched=tuple(rule_id for rule_id, _ in matched),
            conclusion_signals=because,
        )


def _text(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


# -- reading a definition file ----------------------------------------------------------------


def parse_definition(
    data: Mapping[str, Any], where: str, known_items: Collection[str]
) -> DeclarativeInstrument:
    if data.get("format") != DEFINITION_FORMAT:
        raise DefinitionError(f"{where}.format: expected '{DEFINITION_FORMAT}'")
    parts = tuple(
        _parse_part(p, f"{where}.parts[{i}]", known_items) for i, p in enumerate(_list(data, "parts", where))
    )
    _unique([p.id for p in parts] + [s.id for p in parts for s in p.signals], f"{where}: part/signal id")
    conclusions = tuple(
        _parse_conclusion(c, f"{where}.conclusions[{i}]", parts)
        for i, c in enumerate(_list(data, "conclusions", where))
    )
    _unique([c.id for c in conclusions], f"{where}: conclusion id")
    if conclusions[-1].when_any or any(not c.when_any for c in conclusions[:-1]):
        raise DefinitionError(f"{where}.conclusions: exactly the last one must have 'otherwise = true'")
    return DeclarativeInstrument(
        id=_string(data, "id", where),
        version=_string(data, "version", where),
        titles=_texts(data, "title", where),
        parts=parts,
        conclusions=conclusions,
    )


def _parse_part(data: Any, where: str, known_items: Collection[str]) -> PartDefinition:
    signals = tuple(
        _parse_signal(s, f"{where}.signals[{i}]", known_items)
        for i, s in enumerate(_list(data, "signals", where))
    )
    return PartDefinition(id=_string(data, "id", where), title=_texts(data, "title", where), signals=signals)


def _parse_signal(data: Any, where: str, known_items: Collection[str]) -> SignalDefinition:
    items = tuple(str(i) for i in _list(data, "items", where))
    unknown = sorted(set(items) - set(known_items))
    if unknown:
        raise DefinitionError(f"{where}.items: not in the item bank: {', '.join(unknown)}")
    red = _parse_rule(data["red"], f"{where}.red", items) if "red" in data else None
    blue = _parse_rule(data["blue"], f"{where}.blue", items) if "blue" in data else RatingRule(min_yes=1)
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise DefinitionError(f"{where}.sources: expected a list of texts")
    return SignalDefinition(
        id=_string(data, "id", where),
        title=_texts(data, "title", where),
        items=items,
        red=red,
        blue=blue,
        sources=tuple(sources),
    )


def _parse_rule(data: Any, where: str, items: tuple[str, ...]) -> RatingRule:
    if not isinstance(data, dict) or not set(data) <= {"any", "all", "min_yes"}:
        raise DefinitionError(f"{where}: expected a table with any, all and/or min_yes")
    rule = RatingRule(
        any=frozenset(data.get("any", [])), all=frozenset(data.get("all", [])), min_yes=data.get("min_yes")
    )
    if not (rule.any | rule.all) <= set(items):
        raise DefinitionError(f"{where}: names items the signal does not read")
    # A red or blue signal must name facts, so every rule needs at least one yes.
    if not (rule.any or rule.all or (isinstance(rule.min_yes, int) and rule.min_yes >= 1)):
        raise DefinitionError(f"{where}: a rule must require at least one 'yes'")
    return rule


def _parse_conclusion(data: Any, where: str, parts: tuple[PartDefinition, ...]) -> ConclusionRule:
    if data.get("otherwise") is True:
        return ConclusionRule(id=_string(data, "id", where), title=_texts(data, "title", where), when_any=())
    conditions = tuple(
        _parse_condition(c, f"{where}.when_any[{i}]", parts)
        for i, c in enumerate(_list(data, "when_any", where))
    )
    return ConclusionRule(
        id=_string(data, "id", where), title=_texts(data, "title", where), when_any=conditions
    )


def _parse_condition(data: Any, where: str, parts: tuple[PartDefinition, ...]) -> ConclusionCondition:
    part_ids = {p.id for p in parts} | {ANY_PART}
    signal_ids = {s.id for p in parts for s in p.signals}
    keys = set(data) if isinstance(data, dict) else set()
    if keys == {"part", "min_red"} and data["part"] in part_ids and _count(data["min_red"]):
        return ConclusionCondition(part=data["part"], min_red=data["min_red"])
    if (
        keys == {"signal", "rating"}
        and data["signal"] in signal_ids
        and data["rating"] in (Rating.RED, Rating.BLUE)
    ):
        return ConclusionCondition(signal=data["signal"], rating=Rating(data["rating"]))
    raise DefinitionError(
        f"{where}: expected {{part = <part id or '*'>, min_red = N}} or {{signal = <id>, rating = red|blue}}"
    )


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _list(data: Any, key: str, where: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list) or not value:
        raise DefinitionError(f"{where}.{key}: required, non-empty list")
    return value


def _string(data: Any, key: str, where: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value:
        raise DefinitionError(f"{where}.{key}: required text")
    return value


def _texts(data: Any, key: str, where: str) -> dict[str, str]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
        raise DefinitionError(f"{where}.{key}: required table of texts per language (nl, en)")
    return dict(value)


def _unique(ids: list[str], what: str) -> None:
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise DefinitionError(f"{what} used twice: {', '.join(twice)}")
