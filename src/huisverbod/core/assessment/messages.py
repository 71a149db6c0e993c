"""Reason codes rendered as text, in Dutch and English, from ``messages.toml``.

Rules return codes with parameters (``law/findings.py``); only here do they become sentences, so
texts live in data and a language is a table, not code.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from huisverbod.core.law.findings import Finding

MESSAGES_FILE = Path(__file__).with_name("messages.toml")
LANGUAGES = ("nl", "en")

# (instrument id, part/signal/conclusion id) -> its title in the language being rendered
Labels = Callable[[str, str], str]


@cache
def _table() -> dict[str, Any]:
    with MESSAGES_FILE.open("rb") as handle:
        return tomllib.load(handle)


def message_codes(language: str) -> frozenset[str]:
    return frozenset(_table()["messages"][language])


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}' (known: {', '.join(LANGUAGES)})")


def term(key: str, language: str) -> str:
    check_language(language)
    terms: dict[str, str] = _table()["terms"][language]
    return terms.get(key, key)


class _Formatter(string.Formatter):
    def __init__(self, language: str, label: Callable[[str], str]) -> None:
        self.language = language
        self.label = label

    def format_field(self, value: Any, format_spec: str) -> str:
        values = list(value) if isinstance(value, list | tuple) else [value]
        if format_spec in ("term", "terms"):
            values = [term(str(v), self.language) for v in values]
        elif format_spec in ("label", "labels"):
            values = [self.label(str(v)) for v in values]
        return ", ".join(str(v) for v in values)


def render(found: Finding, language: str = "en", labels: Labels | None = None) -> str:
    """The finding as a sentence, with the facts it rests on: "... (facts: f1, f2)"."""
    check_language(language)
    templates: Mapping[str, str] = _table()["messages"][language]
    template = templates.get(found.code)
    if template is None:
        raise KeyError(f"no {language} text for reason code '{found.code}'")
    instrument = str(found.params.get("instrument", ""))

    def label(key: str) -> str:
        return labels(instrument, key) if labels is not None else key

    text = _Formatter(language, label).format(template, **found.params)
    if found.facts:
        text += f" ({term('facts', language)}: {', '.join(found.facts)})"
    return text
