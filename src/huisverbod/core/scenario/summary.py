"""The aggregate of a scenario: count tables of what changed, and their publication with
small-cell suppression (``core/disclosure.py``).

Each table counts cases (or case-measure pairs), rows by the baseline and columns by the
alternative where it is a transition. The raw counts are kept; what a reader sees is
``published(table, threshold)``, which suppresses small cells unless the reader may see every
case counted (then suppression protects no one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from huisverbod.core.advice.decision import Huisverbod
from huisverbod.core.advice.measures import MEASURE_BASIS
from huisverbod.core.advice.route import Route
from huisverbod.core.disclosure import TOTAL, protect
from huisverbod.core.scenario.run import NO_ORDER, CaseDifference, ScenarioOutcome

ADVICE = tuple(h.value for h in Huisverbod)
ROUTES = (*(r.value for r in Route), NO_ORDER)
CRITERIA = ("adult", "residence", "danger")
CRITERION_COLUMNS = ("now_met", "no_longer_met")
MEASURE_COLUMNS = ("newly_advised", "no_longer_advised")
DURATION_COLUMNS = ("cases",)


@dataclass(frozen=True)
class CountTable:
    """Counts by (row, column); rows and columns in their fixed order."""

    id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]

    def count(self, row: str, column: str) -> int:
        return self.counts.get((row, column), 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "counts": [[r, c, n] for (r, c), n in sorted(self.counts.items()) if n],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CountTable:
        return cls(
            id=str(data["id"]),
            rows=tuple(data["rows"]),
            columns=tuple(data["columns"]),
            counts={(str(r), str(c)): int(n) for r, c, n in data["counts"]},
        )


def _table(
    table_id: str, rows: Sequence[str], columns: Sequence[str], counter: Counter[tuple[str, str]]
) -> CountTable:
    return CountTable(table_id, tuple(rows), tuple(columns), dict(counter))


def advice_transitions(cases: Sequence[CaseDifference]) -> CountTable:
    """Baseline advice (rows) → alternative advice (columns); the diagonal is unchanged."""
    return _table("advice", ADVICE, ADVICE, Counter((c.baseline.advice, c.alternative.advice) for c in cases))


def route_transitions(cases: Sequence[CaseDifference]) -> CountTable:
    """Baseline route (acute, planned, or no order) → alternative route."""
    return _table(
        "route",
        ROUTES,
        ROUTES,
        Counter((c.baseline.route_or_no_order, c.alternative.route_or_no_order) for c in cases),
    )


def _flips(
    cases: Sequence[CaseDifference], subject: str, table_id: str, rows: Sequence[str], columns: Sequence[str]
) -> CountTable:
    """Per row key: the cases in which a ``subject`` change turned it on (first column) or off."""
    on, off = columns
    counter: Counter[tuple[str, str]] = Counter(
        (change.key, on if change.after else off)
        for case in cases
        for change in case.changes
        if change.subject == subject
    )
    return _table(table_id, rows, columns, counter)


def criterion_changes(cases: Sequence[CaseDifference]) -> CountTable:
    """Per statutory criterion: cases in which it is met only under the alternative, or no more."""
    return _flips(cases, "criterion", "criteria", CRITERIA, CRITERION_COLUMNS)


def measure_changes(cases: Sequence[CaseDifference]) -> CountTable:
    """Per measure: cases in which it is advised only under the alternative, or no more."""
    return _flips(cases, "measure", "measures", tuple(MEASURE_BASIS), MEASURE_COLUMNS)


def duration_changes(cases: Sequence[CaseDifference]) -> CountTable:
    """Cases advised an order under the alternative, by the maximum duration (art. 9 lid 1 Wth)
    under the baseline and the alternative, in days ("28 → 365")."""
    counter: Counter[tuple[str, str]] = Counter(
        (f"{c.baseline.max_duration_days} → {c.alternative.max_duration_days}", "cases")
        for c in cases
        if c.alternative.advice == Huisverbod.IMPOSE
    )
    rows = sorted({row for row, _ in counter}, key=lambda r: tuple(int(d) for d in r.split(" → ")))
    return _table("durations", rows, DURATION_COLUMNS, counter)


@dataclass(frozen=True)
class Summary:
    cases: int
    changed: int  # anything differs
    advice_changed: int
    drift: int  # the baseline re-run no longer gives the stored advice
    errors: int
    tables: tuple[CountTable, ...]

    def table(self, table_id: str) -> CountTable:
        return next(t for t in self.tables if t.id == table_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "changed": self.changed,
            "advice_changed": self.advice_changed,
            "drift": self.drift,
            "errors": self.errors,
            "tables": [t.to_dict() for t in self.tables],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        return cls(
            cases=int(data["cases"]),
            changed=int(data["changed"]),
            advice_changed=int(data["advice_changed"]),
            drift=int(data["drift"]),
            errors=int(data["errors"]),
            tables=tuple(CountTable.from_dict(t) for t in data["tables"]),
        )


def summarise(result: ScenarioOutcome) -> Summary:
    cases = result.cases
    return Summary(
        cases=len(cases),
        changed=sum(1 for c in cases if c.changed),
        advice_changed=sum(1 for c in cases if c.advice_changed),
        drift=sum(1 for c in cases if c.drift),
        errors=len(result.errors),
        tables=(
            advice_transitions(cases),
            route_transitions(cases),
            criterion_changes(cases),
            measure_changes(cases),
            duration_changes(cases),
        ),
    )


# -- publication -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedCell:
    value: int | None  # None: suppressed
    suppressed: str | None  # "primary" / "secondary"


@dataclass(frozen=True)
class PublishedRow:
    key: str
    cells: tuple[PublishedCell, ...]
    total: PublishedCell


@dataclass(frozen=True)
class PublishedTable:
    id: str
    columns: tuple[str, ...]
    rows: tuple[PublishedRow, ...]
    totals: tuple[PublishedCell, ...]
    total: PublishedCell
    suppressed: bool  # some cell is hidden

    def value(self, row: str, column: str) -> int | None:
        line = next(r for r in self.rows if r.key == row)
        return line.cells[self.columns.index(column)].value


def published(table: CountTable, threshold: int | None) -> PublishedTable:
    """The table with its margins as a reader may see it: with ``threshold`` (the disclosure
    threshold), small cells and the cells that would reveal them are suppressed; ``None`` shows
    every count (for a reader who may see each case counted)."""
    if not table.rows:
        empty = PublishedCell(0, None)
        return PublishedTable(table.id, table.columns, (), tuple(empty for _ in table.columns), empty, False)
    if threshold is None:

        def cell(row: str, column: str) -> PublishedCell:
            if row == TOTAL and column == TOTAL:
                return PublishedCell(table.total, None)
            if row == TOTAL:
                return PublishedCell(sum(table.count(r, column) for r in table.rows), None)
            if column == TOTAL:
                return PublishedCell(sum(table.count(row, c) for c in table.columns), None)
            return PublishedCell(table.count(row, column), None)

    else:
        counts = {(r, c): table.count(r, c) for r in table.rows for c in table.columns}
        protected = protect(counts, table.rows, table.columns, threshold)

        def cell(row: str, column: str) -> PublishedCell:
            found = protected.cell(row, column)
            return PublishedCell(found.shown, found.suppressed.value if found.suppressed else None)

    rows = tuple(
        PublishedRow(r, tuple(cell(r, c) for c in table.columns), cell(r, TOTAL)) for r in table.rows
    )
    totals = tuple(cell(TOTAL, c) for c in table.columns)
    grand = cell(TOTAL, TOTAL)
    hidden = any(x.suppressed for row in rows for x in (*row.cells, row.total)) or any(
        x.suppressed for x in (*totals, grand)
    )
    return PublishedTable(table.id, table.columns, rows, totals, grand, hidden)


def published_count(value: int, threshold: int | None, whole: int | None = None) -> int | None:
    """A single count (e.g. the cases whose advice changed): hidden when it is small, or, when
    it is a part of ``whole`` (a published total), when the rest ``whole - value`` is small."""
    if threshold is None:
        return value
    if 0 < value < threshold:
        return None
    if whole is not None and 0 < whole - value < threshold:
        return None
    return value
