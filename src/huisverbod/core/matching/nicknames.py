"""The given-name equivalence table (``data/given_name_groups.txt``): formal names, call names,
nicknames and transliterations. Both directions: "Henk" finds "Hendrik" and "Hendrik" finds
"Henk"."""

from __future__ import annotations

from functools import cache
from pathlib import Path

GROUPS_FILE = Path(__file__).parent / "data" / "given_name_groups.txt"


@cache
def _table() -> tuple[dict[str, frozenset[int]], tuple[str, ...]]:
    membership: dict[str, set[int]] = {}
    canonicals: list[str] = []
    for line in GROUPS_FILE.read_text(encoding="utf-8").splitlines():
        names = line.split("#", 1)[0].split()
        if not names:
            continue
        group = len(canonicals)
        canonicals.append(names[0])
        for name in names:
            membership.setdefault(name, set()).add(group)
    return {name: frozenset(groups) for name, groups in membership.items()}, tuple(canonicals)


def name_groups(name: str) -> frozenset[int]:
    """The groups a folded given name belongs to (empty if it is in no group)."""
    return _table()[0].get(name, frozenset())


def canonical_names(name: str) -> tuple[str, ...]:
    """The canonical (formal) names of the groups of ``name``: "henk" -> ("hendrik",)."""
    canonicals = _table()[1]
    return tuple(sorted(canonicals[group] for group in name_groups(name)))


def are_equivalent(first: str, second: str) -> bool:
    return first == second or bool(name_groups(first) & name_groups(second))
