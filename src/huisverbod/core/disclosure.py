"""Statistical disclosure control for figures that leave the system: small-cell suppression.

Figures for policy makers are processing for statistical purposes; they must not allow a person
to be identified (AVG art. 89 lid 1, safeguards including pseudonymisation or anonymisation;
AVG overweging 26: data that no longer identify a person are out of scope). The rule applied
here is the usual one for count tables (CBS / Eurostat practice):

1. **Primary suppression**: a count ``0 < n < threshold`` is not shown, in the body and in the
   margins alike. Zero is shown: it counts nobody.
2. **Secondary suppression**: a table is published with its row and column totals, so a hidden
   cell must not be computable from the others. Write the table with its margins as an
   (R+1) x (C+1) grid; every row and every column is a sum relation. The hidden cells can be
   solved for exactly when, in the bipartite graph of rows and columns with one edge per hidden
   cell, that edge is a bridge (it lies on no cycle): the unknowns are determined up to the
   cycle space. So each bridge is closed into a cycle by hiding the cheapest rectangle of
   other cells (the "hypercube" method for two-dimensional tables), until no hidden cell is a
   bridge.

What this does not do (docs/figures.md): it protects against exact recalculation within one
table, not against every interval an attacker could derive, nor across several tables cut from
the same records. Each figure is therefore published in one table layout only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

DEFAULT_THRESHOLD = 10
TOTAL = "__total__"


class Suppression(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: Suppression | None = None

    @property
    def shown(self) -> int | None:
        """The value as published: None when suppressed."""
        return None if self.suppressed else self.value


@dataclass(frozen=True)
class ProtectedTable:
    """A count table with its margins, each cell marked when it may not be published.

    Rows and columns keep the order given; ``cell(TOTAL, c)`` is a column total,
    ``cell(r, TOTAL)`` a row total and ``cell(TOTAL, TOTAL)`` the grand total.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    threshold: int

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def shown(self, row: str, column: str) -> int | None:
        return self.cells[(row, column)].shown

    @property
    def suppressed(self) -> frozenset[tuple[str, str]]:
        return frozenset(key for key, cell in self.cells.items() if cell.suppressed)


def protect(
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    hidden: Collection[tuple[str, str]] = (),
) -> ProtectedTable:
    """Suppress the cells of a rows x columns count table (missing cells count 0) and its margins.

    ``hidden``: cells (margins included, as ``TOTAL``) that must be suppressed whatever their
    value, because another published table hides the same figure; they count as secondary.

    AVG art. 89 lid 1: only figures that identify nobody leave the system.
    """
    if threshold < 1:
        raise ValueError("threshold: must be at least 1")
    _check_labels("rows", rows)
    _check_labels("columns", columns)
    for (row, column), value in counts.items():
        if row not in rows or column not in columns:
            raise ValueError(f"counts[{row!r}, {column!r}]: not a row and column of the table")
        if value < 0:
            raise ValueError(f"counts[{row!r}, {column!r}]: a count cannot be negative ({value})")
    all_rows = (*rows, TOTAL)
    all_columns = (*columns, TOTAL)
    values: dict[tuple[str, str], int] = {}
    for row in rows:
        for column in columns:
            values[(row, column)] = counts.get((row, column), 0)
        values[(row, TOTAL)] = sum(values[(row, c)] for c in columns)
    for column in all_columns:
        values[(TOTAL, column)] = sum(values[(r, column)] for r in rows)
    suppressed: dict[tuple[str, str], Suppression] = {
        key: Suppression.PRIMARY for key, value in values.items() if 0 < value < threshold
    }
    for key in hidden:
        if key not in values:
            raise ValueError(f"hidden[{key[0]!r}, {key[1]!r}]: not a cell of the table")
        suppressed.setdefault(key, Suppression.SECONDARY)
    _secondary(values, suppressed, all_rows, all_columns)
    cells = {key: Cell(value, suppressed.get(key)) for key, value in values.items()}
    return ProtectedTable(tuple(rows), tuple(columns), MappingProxyType(cells), threshold)


def protect_series(
    counts: Mapping[str, int], labels: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> ProtectedTable:
    """A one-way table (e.g. per month) with its total: a table of one column named "count"."""
    return protect({(label, "count"): n for label, n in counts.items()}, labels, ["count"], threshold)


def _check_labels(name: str, labels: Sequence[str]) -> None:
    if not labels:
        raise ValueError(f"{name}: a table needs at least one")
    if len(set(labels)) != len(labels):
        raise ValueError(f"{name}: labels must be unique")
    if TOTAL in labels:
        raise ValueError(f"{name}: {TOTAL!r} is reserved for the totals")


def _secondary(
    values: Mapping[tuple[str, str], int],
    hidden: dict[tuple[str, str], Suppression],
    rows: Sequence[str],
    columns: Sequence[str],
) -> None:
    """Hide rectangles of cells until no hidden cell is a bridge (module docstring)."""
    while True:
        bridges = _bridges(hidden)
        bridge = next((key for key in _ordered(hidden) if key in bridges), None)
        if bridge is None:
            return
        row, column = bridge
        best: tuple[tuple[int, int, int], list[tuple[str, str]]] | None = None
        for other_row in rows:
            if other_row == row:
                continue
            for other_column in columns:
                if other_column == column:
                    continue
                corners = [(row, other_column), (other_row, column), (other_row, other_column)]
                added = [key for key in corners if key not in hidden]
                cost = _cost(added, values)
                if best is None or cost < best[0]:
                    best = (cost, added)
        if best is None or not best[1]:  # a 1 x 1 table: nothing can hide it but itself
            for key in values:
                hidden.setdefault(key, Suppression.SECONDARY)
            return
        for key in best[1]:
            hidden[key] = Suppression.SECONDARY


def _cost(added: Sequence[tuple[str, str]], values: Mapping[tuple[str, str], int]) -> tuple[int, int, int]:
    """Fewest margins hidden, then fewest zero cells (they protect nothing), then least value."""
    margins = sum(1 for row, column in added if TOTAL in (row, column))
    zeros = sum(1 for key in added if values[key] == 0)
    return (margins, zeros * 1000 + len(added), sum(values[key] for key in added))


def _ordered(hidden: Mapping[tuple[str, str], Suppression]) -> list[tuple[str, str]]:
    """Primary cells first, in a stable order, so the outcome does not depend on dict order."""
    return sorted(hidden, key=lambda key: (hidden[key] != Suppression.PRIMARY, key))


def _bridges(hidden: Mapping[tuple[str, str], Suppression]) -> set[tuple[str, str]]:
    """The hidden cells that lie on no cycle of hidden cells (rows and columns as nodes).

    Tarjan's bridge algorithm, iteratively (no recursion limit on large tables).
    """
    adjacency: dict[tuple[str, str], list[tuple[tuple[str, str], tuple[str, str]]]] = {}
    for key in hidden:
        a, b = ("r", key[0]), ("c", key[1])
        adjacency.setdefault(a, []).append((b, key))
        adjacency.setdefault(b, []).append((a, key))
    order: dict[tuple[str, str], int] = {}
    low: dict[tuple[str, str], int] = {}
    bridges: set[tuple[str, str]] = set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[tuple[str, str], tuple[str, str] | None, int]] = [(root, None, 0)]
        while stack:
            node, via, index = stack[-1]
            edges = adjacency[node]
            if index < len(edges):
                stack[-1] = (node, via, index + 1)
                nxt, edge = edges[index]
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, edge, 0))
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent] and via is not None:
                    bridges.add(via)
    return bridges
