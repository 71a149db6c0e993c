"""Errors of the case file, each naming its field by JSON path (``facts[0].about[0]``)."""

from __future__ import annotations

from dataclasses import dataclass

ROOT = "$"


@dataclass(frozen=True)
class Problem:
    path: str  # JSON path of the field, e.g. ``facts[0].about[0]``; ``$`` for the document
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CaseFileError(ValueError):
    """The case file is refused. ``problems`` lists every reason, each with its field."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return "\n".join(f"{prefix}{problem}" for problem in self.problems)


def child(path: str, key: str | int) -> str:
    """The path of a member of ``path``: ``child("facts", 0)`` is ``facts[0]``."""
    if isinstance(key, int):
        return f"{'' if path == ROOT else path}[{key}]"
    return key if path == ROOT else f"{path}.{key}"
