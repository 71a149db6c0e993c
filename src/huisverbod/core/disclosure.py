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

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import numpy as np

DEFAULT_THRESHOLD = 10
TOTAL = "__total__"
# Up to this grand total the secondary suppression's cost numbers fit in int64 (``_secondary``:
# at most 4 * 3004 * (3 * total + 1)); above it they are Python integers (slower, same outcome).
_LARGEST_COUNT = 2**48


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
        if isinstance(self.cells, _Cells):
            return frozenset(self.cells.marks)
        return frozenset(key for key, cell in self.cells.items() if cell.suppressed)


class _Cells(Mapping[tuple[str, str], Cell]):
    """The cells of a protected table, read-only, made on demand from its values and marks (a
    regional table has tens of thousands of cells; most are never looked at one by one).

    Iterates row by row, each row's cells in column order, the totals last.
    """

    def __init__(
        self,
        rows: Sequence[str],
        columns: Sequence[str],
        values: list[int],
        marks: Mapping[tuple[str, str], Suppression],
    ) -> None:
        self._rows, self._columns, self._values = tuple(rows), tuple(columns), values
        self._row_index = {row: i * len(columns) for i, row in enumerate(rows)}
        self._column_index = {column: j for j, column in enumerate(columns)}
        self.marks = MappingProxyType(dict(marks))

    def __getitem__(self, key: tuple[str, str]) -> Cell:
        try:
            row, column = key
            index = self._row_index[row] + self._column_index[column]
        except (KeyError, TypeError, ValueError):
            raise KeyError(key) from None
        return Cell(self._values[index], self.marks.get(key))

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((row, column) for row in self._rows for column in self._columns)

    def __len__(self) -> int:
        return len(self._values)


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
    row_index = {row: i for i, row in enumerate(rows)}
    column_index = {column: j for j, column in enumerate(columns)}
    for (row, column), value in counts.items():
        if row not in row_index or column not in column_index:
            raise ValueError(f"counts[{row!r}, {column!r}]: not a row and column of the table")
        if value < 0:
            raise ValueError(f"counts[{row!r}, {column!r}]: a count cannot be negative ({value})")
    all_rows = (*rows, TOTAL)
    all_columns = (*columns, TOTAL)
    # The table with its margins as one grid (row-major, the totals last); int64 unless the counts
    # are too large for the secondary suppression's cost numbers (then Python integers).
    dtype: type = np.int64 if sum(counts.values()) < _LARGEST_COUNT else object
    grid: np.ndarray[Any, Any] = np.zeros((len(all_rows), len(all_columns)), dtype=dtype)
    for (row, column), value in counts.items():
        grid[row_index[row], column_index[column]] = value
    grid[:-1, -1] = grid[:-1, :-1].sum(axis=1)
    grid[-1, :] = grid[:-1, :].sum(axis=0)
    width = len(all_columns)
    suppressed: dict[tuple[str, str], Suppression] = {
        (all_rows[k // width], all_columns[k % width]): Suppression.PRIMARY
        for k in np.flatnonzero((grid > 0) & (grid < threshold)).tolist()
    }
    for key in hidden:
        if (key[0] not in row_index and key[0] != TOTAL) or (key[1] not in column_index and key[1] != TOTAL):
            raise ValueError(f"hidden[{key[0]!r}, {key[1]!r}]: not a cell of the table")
        suppressed.setdefault(key, Suppression.SECONDARY)
    _secondary(grid, suppressed, all_rows, all_columns)
    cells = _Cells(all_rows, all_columns, grid.ravel().tolist(), suppressed)
    return ProtectedTable(tuple(rows), tuple(columns), cells, threshold)


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
    grid: np.ndarray[Any, Any],
    hidden: dict[tuple[str, str], Suppression],
    rows: Sequence[str],
    columns: Sequence[str],
) -> None:
    """Hide rectangles of cells until no hidden cell is a bridge (module docstring).

    The bridge handled next is the first hidden cell in ``_ordered`` order that is a bridge; it is
    closed by the cheapest rectangle of other cells: fewest margins newly hidden, then fewest zero
    cells (they protect nothing; 1000 each, plus 1 per cell newly hidden), then the least value
    newly hidden; of equal costs the first in row-major order.
    Two facts keep this fast without changing that outcome: adding cells never makes a cell that
    lies on a cycle a bridge again, and the cells of a rectangle lie on its own cycle. So only the
    cells hidden at the start can ever be bridges, each is looked at once in that order, and a
    cell is a bridge exactly when its row and column lie in different two-edge-connected
    components (``_Bridges``, maintained as cells are added). The cheapest rectangle is one
    vectorised argmin over a per-cell cost number that adds up to that order.
    """
    row_index = {row: i for i, row in enumerate(rows)}
    column_index = {column: j for j, column in enumerate(columns)}
    n_rows, n_columns = grid.shape
    # One number per cell ordered like the cost above and adding up over the cells of a rectangle: the
    # margins weigh most, then 1000 per zero cell plus 1 per cell, then the values.
    value_weight = 3 * int(grid.max(initial=0)) + 1  # above the values of three cells
    count_weight = 3004 * value_weight  # above (1000 + 1) per cell for three cells
    worst = 4 * count_weight  # above any rectangle's cost (at most 3 margins)
    dtype = grid.dtype
    margin = np.zeros((n_rows, n_columns), dtype=bool)
    margin[n_rows - 1, :] = True
    margin[:, n_columns - 1] = True
    cost: np.ndarray[Any, Any] = (
        margin.astype(dtype) * count_weight
        + (np.where(grid == 0, 1000, 0) + 1).astype(dtype) * value_weight
        + grid.astype(dtype)
    )
    graph = _Bridges(n_rows + n_columns)
    for row, column in hidden:
        i, j = row_index[row], column_index[column]
        cost[i, j] = 0
        graph.add(i, n_rows + j)
    for row, column in _ordered(hidden):
        r, c = row_index[row], column_index[column]
        if not graph.is_bridge(r, n_rows + c):
            continue
        total = cost + cost[:, c : c + 1] + cost[r : r + 1, :]
        total[r, :] = worst
        total[:, c] = worst
        i, j = divmod(int(np.argmin(total)), n_columns)
        if total[i, j] >= worst:  # a 1 x 1 table: nothing can hide it but itself
            for row in rows:
                for column in columns:
                    hidden.setdefault((row, column), Suppression.SECONDARY)
            return
        for a, b in ((r, j), (i, c), (i, j)):
            key = (rows[a], columns[b])
            if key not in hidden:
                hidden[key] = Suppression.SECONDARY
                cost[a, b] = 0
                graph.add(a, n_rows + b)


class _Bridges:
    """Two-edge-connected components of a growing graph (the online bridge-finding algorithm).

    Nodes are 0..n-1; ``add`` adds an edge, ``is_bridge`` tells whether an edge between two
    nodes is a bridge. Union-find over the two-edge-connected components and over the connected
    components, with a spanning forest of the components re-rooted on the smaller side.
    """

    def __init__(self, n: int) -> None:
        self.parent = [-1] * n  # the forest: a node of the parent component, or -1 at a root
        self.two_edge = list(range(n))
        self.connected = list(range(n))
        self.size = [1] * n
        self.seen = [0] * n
        self.walk = 0

    def _find2(self, v: int) -> int:
        if v == -1:
            return -1
        root = v
        while self.two_edge[root] != root:
            root = self.two_edge[root]
        while self.two_edge[v] != root:
            self.two_edge[v], v = root, self.two_edge[v]
        return root

    def _find_cc(self, v: int) -> int:
        path = []
        while True:
            v = self._find2(v)
            up = self.connected[v]
            if up == v:
                break
            path.append(v)
            v = up
        for node in path:
            self.connected[node] = v
        return v

    def is_bridge(self, a: int, b: int) -> bool:
        """For nodes joined by an edge: whether that edge lies on no cycle."""
        return self._find2(a) != self._find2(b)

    def _make_root(self, v: int) -> None:
        v = self._find2(v)
        root, child = v, -1
        while v != -1:
            parent = self._find2(self.parent[v])
            self.parent[v] = child
            self.connected[v] = root
            child, v = v, parent
        self.size[root] = self.size[child]

    def _merge_path(self, a: int, b: int) -> None:
        self.walk += 1
        path_a: list[int] = []
        path_b: list[int] = []
        lca = -1
        while lca == -1:
            if a != -1:
                a = self._find2(a)
                path_a.append(a)
                if self.seen[a] == self.walk:
                    lca = a
                    break
                self.seen[a] = self.walk
                a = self.parent[a]
            if b != -1:
                b = self._find2(b)
                path_b.append(b)
                if self.seen[b] == self.walk:
                    lca = b
                    break
                self.seen[b] = self.walk
                b = self.parent[b]
        for path in (path_a, path_b):
            for v in path:
                self.two_edge[v] = lca
                if v == lca:
                    break

    def add(self, a: int, b: int) -> None:
        a, b = self._find2(a), self._find2(b)
        if a == b:
            return
        ca, cb = self._find_cc(a), self._find_cc(b)
        if ca != cb:
            if self.size[ca] > self.size[cb]:
                a, b, ca, cb = b, a, cb, ca
            self._make_root(a)
            self.parent[a] = self.connected[a] = b
            self.size[cb] += self.size[a]
        else:
            self._merge_path(a, b)


def _ordered(hidden: Mapping[tuple[str, str], Suppression]) -> list[tuple[str, str]]:
    """Primary cells first, in a stable order, so the outcome does not depend on dict order."""
    return sorted(hidden, key=lambda key: (hidden[key] != Suppression.PRIMARY, key))
