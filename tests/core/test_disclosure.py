"""Small-cell suppression (AVG art. 89 lid 1): primary and secondary, checked by linear algebra."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from huisverbod.core.disclosure import TOTAL, Suppression, protect, protect_series

P, S = Suppression.PRIMARY, Suppression.SECONDARY


def recomputable(table) -> set[tuple[str, str]]:
    """The hidden cells an attacker can solve exactly from the shown cells and the sum relations.

    Independent of the implementation: Gaussian elimination over the rationals. A hidden cell is
    determined when its unit vector lies in the row space of the relations restricted to the
    hidden cells.
    """
    rows, columns = (*table.rows, TOTAL), (*table.columns, TOTAL)
    hidden = sorted(table.suppressed)
    index = {key: i for i, key in enumerate(hidden)}
    relations: list[list[Fraction]] = []
    for r in rows:  # sum of the body cells of a row minus its total is 0
        line = [(r, c) for c in table.columns] + [(r, TOTAL)]
        relations.append(_vector(line, index, len(hidden)))
    for c in columns:
        line = [(r, c) for r in table.rows] + [(TOTAL, c)]
        relations.append(_vector(line, index, len(hidden)))
    base = _rank(relations)
    found = set()
    for key, i in index.items():
        unit = [Fraction(0)] * len(hidden)
        unit[i] = Fraction(1)
        if _rank([*relations, unit]) == base:
            found.add(key)
    return found


def _vector(line, index, size):
    vec = [Fraction(0)] * size
    for position, key in enumerate(line):
        if key in index:
            vec[index[key]] += -1 if position == len(line) - 1 else 1
    return vec


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [list(r) for r in matrix if any(r)]
    rank, columns = 0, len(rows[0]) if rows else 0
    for col in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


CASES = [
    # (name, counts, rows, columns, threshold, expected marks on the named cells)
    (
        "nothing small: nothing hidden",
        {("a", "x"): 10, ("a", "y"): 12, ("b", "x"): 30, ("b", "y"): 11},
        ["a", "b"],
        ["x", "y"],
        10,
        {},
    ),
    (
        "one small cell: a rectangle hides it",
        {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 15, ("b", "y"): 30},
        ["a", "b"],
        ["x", "y"],
        10,
        {("a", "x"): P, ("a", "y"): S, ("b", "x"): S, ("b", "y"): S},
    ),
    (
        "zero is shown and is not a partner",
        {("a", "x"): 0, ("a", "y"): 20, ("b", "x"): 15, ("b", "y"): 30},
        ["a", "b"],
        ["x", "y"],
        10,
        {},
    ),
    (
        "two small cells in one row protect each other along the row, not the columns",
        {("a", "x"): 2, ("a", "y"): 3, ("a", "z"): 40, ("b", "x"): 50, ("b", "y"): 60, ("b", "z"): 70},
        ["a", "b"],
        ["x", "y", "z"],
        10,
        {("a", "x"): P, ("a", "y"): P, ("b", "x"): S, ("b", "y"): S},
    ),
    (
        "a small margin is hidden too, and the grand total would give it away: the other row goes",
        {("a", "x"): 4, ("a", "y"): 3, ("b", "x"): 50, ("b", "y"): 60},
        ["a", "b"],
        ["x", "y"],
        10,
        {
            ("a", "x"): P, ("a", "y"): P, ("a", TOTAL): P,
            ("b", "x"): S, ("b", "y"): S, ("b", TOTAL): S,
        },
    ),
    (
        "threshold is configurable: 5 hides 3 but not 7",
        {("a", "x"): 3, ("a", "y"): 7, ("b", "x"): 50, ("b", "y"): 60},
        ["a", "b"],
        ["x", "y"],
        5,
        {("a", "x"): P, ("a", "y"): S, ("b", "x"): S, ("b", "y"): S},
    ),
    (
        "the cheapest partner is chosen: the smaller row and column",
        {
            ("a", "x"): 1, ("a", "y"): 90, ("a", "z"): 20,
            ("b", "x"): 80, ("b", "y"): 90, ("b", "z"): 90,
            ("c", "x"): 25, ("c", "y"): 90, ("c", "z"): 30,
        },
        ["a", "b", "c"],
        ["x", "y", "z"],
        10,
        {("a", "x"): P, ("a", "z"): S, ("c", "x"): S, ("c", "z"): S},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "counts", "rows", "columns", "threshold", "marks"), CASES)
def test_suppression_table(name, counts, rows, columns, threshold, marks):
    table = protect(counts, rows, columns, threshold)
    actual = {key: cell.suppressed for key, cell in table.cells.items() if cell.suppressed}
    assert actual == marks, name
    assert recomputable(table) == set(), name


def test_secondary_suppression_is_needed_and_sufficient():
    """Without the secondary cells the primary one can be recomputed from the row total."""
    table = protect({("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 15, ("b", "y"): 30}, ["a", "b"], ["x", "y"])
    assert table.shown("a", TOTAL) == 23 and table.shown("a", "x") is None
    primary_only = _with_only_primary(table)
    assert recomputable(primary_only) == {("a", "x")}
    assert recomputable(table) == set()


def _with_only_primary(table):
    from dataclasses import replace
    from types import MappingProxyType

    from huisverbod.core.disclosure import Cell

    cells = {
        key: Cell(cell.value, cell.suppressed if cell.suppressed == P else None)
        for key, cell in table.cells.items()
    }
    return replace(table, cells=MappingProxyType(cells))


def test_series_with_one_small_month_hides_a_second_month():
    table = protect_series({"jan": 4, "feb": 30, "mar": 25}, ["jan", "feb", "mar"])
    assert table.shown("jan", "count") is None
    assert table.shown("mar", "count") is None  # the smaller partner
    assert table.shown("feb", "count") == 30
    assert table.shown(TOTAL, "count") == 59
    assert recomputable(table) == set()


def test_single_cell_table_below_threshold_hides_everything():
    table = protect_series({"jan": 4}, ["jan"])
    assert all(cell.suppressed for cell in table.cells.values())


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_leave_a_small_cell_recomputable(seed):
    rng = random.Random(seed)
    rows = [f"r{i}" for i in range(rng.randint(1, 6))]
    columns = [f"c{j}" for j in range(rng.randint(1, 6))]
    counts = {(r, c): rng.choice([0, 0, 1, 2, 5, 9, 10, 14, 40, 120]) for r in rows for c in columns}
    table = protect(counts, rows, columns, threshold=10)
    for key, cell in table.cells.items():
        if 0 < cell.value < 10:
            assert cell.suppressed == P, key
    assert recomputable(table) == set()


@pytest.mark.parametrize(
    ("counts", "rows", "columns", "threshold", "message"),
    [
        ({("a", "x"): -1}, ["a"], ["x"], 10, "counts['a', 'x']: a count cannot be negative (-1)"),
        ({("q", "x"): 1}, ["a"], ["x"], 10, "counts['q', 'x']: not a row and column of the table"),
        ({}, [], ["x"], 10, "rows: a table needs at least one"),
        ({}, ["a", "a"], ["x"], 10, "rows: labels must be unique"),
        ({}, ["a"], [TOTAL], 10, "columns: '__total__' is reserved for the totals"),
        ({}, ["a"], ["x"], 0, "threshold: must be at least 1"),
    ],
)
def test_bad_tables_are_refused_with_the_field(counts, rows, columns, threshold, message):
    with pytest.raises(ValueError, match="^" + __import__("re").escape(message) + "$"):
        protect(counts, rows, columns, threshold)


def test_cells_hidden_elsewhere_are_hidden_here_and_protected():
    counts = {("a", "x"): 30, ("a", "y"): 40, ("b", "x"): 25, ("b", "y"): 35}
    table = protect(counts, ["a", "b"], ["x", "y"], threshold=10, hidden=[("a", TOTAL)])
    assert table.cell("a", TOTAL).suppressed == S
    assert table.suppressed and recomputable(table) == set()
    with pytest.raises(ValueError, match="not a cell"):
        protect(counts, ["a", "b"], ["x", "y"], hidden=[("c", "x")])


# The suppression as it was first written (a plain scan, all bridges found again after each
# rectangle): the reference the fast implementation must agree with, cell for cell.
def _reference_protect(counts, rows, columns, threshold, hidden):
    all_rows = (*rows, TOTAL)
    all_columns = (*columns, TOTAL)
    values = {}
    for row in rows:
        for column in columns:
            values[(row, column)] = counts.get((row, column), 0)
        values[(row, TOTAL)] = sum(values[(row, c)] for c in columns)
    for column in all_columns:
        values[(TOTAL, column)] = sum(values[(r, column)] for r in rows)
    suppressed = {key: P for key, value in values.items() if 0 < value < threshold}
    for key in hidden:
        suppressed.setdefault(key, S)
    _reference_secondary(values, suppressed, all_rows, all_columns)
    return {key: (value, suppressed.get(key)) for key, value in values.items()}


def _reference_secondary(values, hidden, rows, columns):
    while True:
        bridges = _reference_bridges(hidden)
        bridge = next((key for key in _reference_ordered(hidden) if key in bridges), None)
        if bridge is None:
            return
        row, column = bridge
        best = None
        for other_row in rows:
            if other_row == row:
                continue
            for other_column in columns:
                if other_column == column:
                    continue
                corners = [(row, other_column), (other_row, column), (other_row, other_column)]
                added = [key for key in corners if key not in hidden]
                cost = _reference_cost(added, values)
                if best is None or cost < best[0]:
                    best = (cost, added)
        if best is None or not best[1]:
            for key in values:
                hidden.setdefault(key, S)
            return
        for key in best[1]:
            hidden[key] = S


def _reference_cost(added, values):
    margins = sum(1 for row, column in added if TOTAL in (row, column))
    zeros = sum(1 for key in added if values[key] == 0)
    return (margins, zeros * 1000 + len(added), sum(values[key] for key in added))


def _reference_ordered(hidden):
    return sorted(hidden, key=lambda key: (hidden[key] != P, key))


def _reference_bridges(hidden):
    adjacency = {}
    for key in hidden:
        a, b = ("r", key[0]), ("c", key[1])
        adjacency.setdefault(a, []).append((b, key))
        adjacency.setdefault(b, []).append((a, key))
    order, low, bridges = {}, {}, set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, 0)]
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


@pytest.mark.parametrize("seed", range(300))
def test_fast_suppression_hides_the_same_cells_as_the_reference(seed):
    rng = random.Random(1000 + seed)
    rows = [f"r{i}" for i in range(rng.randint(1, 9))]
    columns = [f"c{j}" for j in range(rng.randint(1, 7))]
    weights = rng.choice(
        [[0, 0, 1, 2, 5, 9, 10, 14, 40, 120], [0, 3, 10, 11, 12], [1, 2, 3, 30], [0, 0, 0, 4, 50]]
    )
    counts = {(r, c): rng.choice(weights) for r in rows for c in columns if rng.random() < 0.9}
    threshold = rng.choice([3, 5, 10, 20])
    cells = [(r, c) for r in (*rows, TOTAL) for c in (*columns, TOTAL)]
    hidden = rng.sample(cells, rng.choice([0, 0, 1, 2]))
    fast = protect(counts, rows, columns, threshold, hidden=hidden)
    reference = _reference_protect(counts, rows, columns, threshold, hidden)
    assert list(fast.cells) == list(reference)  # same cells, same order
    assert {key: (cell.value, cell.suppressed) for key, cell in fast.cells.items()} == reference
    assert recomputable(fast) == set()
