"""A finding: what a rule found, as a reason code with parameters and the facts it rests on.

Codes, not sentences: the text is rendered per language from the message table
(``core/assessment/messages.toml``), so the UI can be Dutch first and the contract English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ParamValue = str | int | tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    facts: tuple[str, ...] = ()

    def params_json(self) -> dict[str, str | int | list[str]]:
        return {key: list(value) if isinstance(value, tuple) else value for key, value in self.params.items()}


def finding(code: str, facts: tuple[str, ...] = (), **params: ParamValue) -> Finding:
    return Finding(code=code, params=MappingProxyType(dict(params)), facts=facts)


def merge_facts(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Fact ids of several findings, each once, in the order first named."""
    return tuple(dict.fromkeys(f for group in groups for f in group))
