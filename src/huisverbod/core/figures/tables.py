"""The published tables: which keys each table holds, assembly from summary cells, protection.

Each table is one additive count table (``core.disclosure.protect``): rows are periods (or
period x region), columns the categories. In a *partition* table every counted item falls in
exactly one column, so the row total is itself a figure (e.g. all orders) and is shown; in the
other tables a row total would add unlike things and is not shown (it is still protected).
Shares are computed from the protected cells: a share whose numerator or denominator is
suppressed is suppressed too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from huisverbod.core.disclosure import TOTAL, ProtectedTable, Suppression, protect, protect_series
from huisverbod.core.figures.arithmetic import percentile, period_of, share
from huisverbod.core.figures.definitions import (
    DURATION_BUCKET_MINUTES,
    INSTEAD_MEASURES,
    NOT_POSSIBLE_REASONS,
    PERSON_TYPES,
)

LEVELS = ("national", "police_unit", "veilig_thuis_region", "municipality")


@dataclass(frozen=True)
class ShareSpec:
    id: str
    numerator: tuple[str, ...]  # columns added up
    denominator: tuple[str, ...] = (TOTAL,)  # columns added up; TOTAL is the row total


@dataclass(frozen=True)
class TableSpec:
    id: str
    columns: tuple[str, ...]  # summary keys
    partition: bool
    shares: tuple[ShareSpec, ...] = ()
    # Tables whose row totals are the same figure (e.g. all orders) are protected together: a
    # total hidden in one is hidden in the others.
    same_totals: str = ""


def _help_shares() -> tuple[ShareSpec, ...]:
    return tuple(
        ShareSpec(f"help.{t}", (f"help.{t}.started",), (f"help.{t}.started", f"help.{t}.not_started"))
        for t in PERSON_TYPES
    )


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "assessments",
        ("assessments.joint", "assessments.police_only"),
        partition=True,
        shares=(ShareSpec("share.joint", ("assessments.joint",)),),
    ),
    TableSpec(
        "decisions",
        ("decisions.order", "decisions.no_order", "decisions.not_possible"),
        partition=True,
        shares=(ShareSpec("share.order", ("decisions.order",)),),
    ),
    TableSpec(
        "orders",
        ("orders.route.acute", "orders.route.planned", "orders.route.unknown"),
        partition=True,
        shares=(ShareSpec("share.acute", ("orders.route.acute",)),),
        same_totals="orders",
    ),
    TableSpec(
        "criminal",
        ("orders.criminal.arrest", "orders.criminal.other", "orders.criminal.none"),
        partition=True,
        shares=(
            ShareSpec("share.arrest", ("orders.criminal.arrest",)),
            ShareSpec("share.criminal", ("orders.criminal.arrest", "orders.criminal.other")),
        ),
        same_totals="orders",
    ),
    TableSpec(
        "extensions",
        ("extensions.threat", "extensions.waiting_list"),
        partition=True,
        shares=(ShareSpec("share.waiting_list", ("extensions.waiting_list",)),),
    ),
    TableSpec(
        "after",
        ("after.withdrawals", "after.appeals", "after.annulments", "after.violations"),
        partition=False,
    ),
    TableSpec(
        "not_possible_reasons",
        tuple(f"not_possible.reason.{r}" for r in NOT_POSSIBLE_REASONS),
        partition=False,
    ),
    TableSpec(
        "not_possible_measures",
        (*(f"not_possible.measure.{m}" for m in INSTEAD_MEASURES), "not_possible.measure.none"),
        partition=False,
    ),
    TableSpec(
        "help",
        tuple(f"help.{t}.{s}" for t in PERSON_TYPES for s in ("started", "not_started")),
        partition=True,
        shares=_help_shares(),
    ),
)
DURATION_KEY = "hist.incident_to_decision"
DURATION_TABLE = "incident_to_decision"


@dataclass(frozen=True)
class Row:
    key: str  # unique within the set: "<period>|<region id>"
    period: str
    region: int  # 0: national, or region unknown


@dataclass(frozen=True)
class Durations:
    n: int
    q1_hours: float | None
    median_hours: float | None
    q3_hours: float | None


@dataclass
class Table:
    spec: TableSpec
    rows: tuple[Row, ...]
    counts: dict[tuple[str, str], int]  # (row key, column) -> count, before protection
    protected: ProtectedTable | None = None

    def value(self, row: str, column: str) -> int | None:
        """The count as published (None: suppressed), or the raw count before protection."""
        if self.protected is not None:
            return self.protected.shown(row, column)
        if column == TOTAL:
            return sum(self.counts.get((row, c), 0) for c in self.spec.columns)
        return self.counts.get((row, column), 0)

    def suppressed(self, row: str, column: str) -> Suppression | None:
        return self.protected.cell(row, column).suppressed if self.protected is not None else None

    def share(self, row: str, spec: ShareSpec) -> float | None:
        numerator = _sum(self.value(row, c) for c in spec.numerator)
        denominator = _sum(self.value(row, c) for c in spec.denominator)
        return share(numerator, denominator)

    def column_total(self, column: str) -> int | None:
        if self.protected is not None:
            return self.protected.shown(TOTAL, column)
        return sum(self.value(r.key, column) or 0 for r in self.rows)


@dataclass
class DurationTable:
    rows: tuple[Row, ...]
    histograms: dict[str, dict[int, int]]
    protected: ProtectedTable | None = None

    def durations(self, row: str) -> Durations:
        histogram = self.histograms.get(row, {})
        n = sum(histogram.values())
        if self.protected is not None and self.protected.shown(row, "count") is None:
            return Durations(n, None, None, None)  # too few observations to show their spread

        def hours(fraction: float) -> float | None:
            bucket = percentile(histogram, fraction)
            return None if bucket is None else bucket * DURATION_BUCKET_MINUTES / 60

        return Durations(n, hours(0.25), hours(0.5), hours(0.75))

    def n(self, row: str) -> int | None:
        if self.protected is not None:
            return self.protected.shown(row, "count")
        return sum(self.histograms.get(row, {}).values())


@dataclass
class FigureSet:
    period: str
    level: str
    rows: tuple[Row, ...]
    region_names: Mapping[int, str]
    tables: dict[str, Table]
    durations: DurationTable
    threshold: int | None = None  # set once protected
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def protected(self) -> bool:
        return self.threshold is not None


def _sum(values: Iterable[int | None]) -> int | None:
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def assemble(
    cells: Iterable[tuple[int, date, str, int, int]],
    *,
    period: str,
    level: str,
    region_names: Mapping[int, str],
    periods: Sequence[str] = (),
) -> FigureSet:
    """The figures from summary cells ``(region, month, key, bucket, count)`` of one level.

    Rows are the periods (``periods`` lists those that must appear even when empty) crossed with
    the regions that have any count; at the national level the region is 0.
    """
    if level not in LEVELS:
        raise ValueError(f"level: one of {', '.join(LEVELS)}, not {level!r}")
    # Each summary key counts in the tables that have it as a column: split once, here.
    table_counts: dict[str, dict[tuple[str, str], int]] = {spec.id: {} for spec in TABLES}
    destinations: dict[str, list[dict[tuple[str, str], int]]] = defaultdict(list)
    for spec in TABLES:
        for column in dict.fromkeys(spec.columns):
            destinations[column].append(table_counts[spec.id])
    histograms: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    seen: dict[str, Row] = {}
    labels: dict[date, str] = {}
    row_keys: dict[tuple[int, date], str] = {}
    for region, month, key, bucket, count in cells:
        row_key = row_keys.get((region, month))
        if row_key is None:
            label = labels.get(month)
            if label is None:
                label = labels[month] = period_of(month, period)
            row_key = row_keys[(region, month)] = f"{label}|{region}"
            if row_key not in seen:
                seen[row_key] = Row(row_key, label, region)
        if key == DURATION_KEY:
            histograms[row_key][bucket] += count
        else:
            cell = (row_key, key)
            for counts in destinations.get(key, ()):
                counts[cell] = counts.get(cell, 0) + count
    if level == "national":
        for label in periods:
            seen.setdefault(f"{label}|0", Row(f"{label}|0", label, 0))
    rows = tuple(
        sorted(seen.values(), key=lambda r: (r.period, str(region_names.get(r.region, "")), r.region))
    )
    tables = {spec.id: Table(spec, rows, table_counts[spec.id]) for spec in TABLES}
    durations = DurationTable(rows, {k: dict(v) for k, v in histograms.items()})
    return FigureSet(period, level, rows, dict(region_names), tables, durations)


def _hidden(table: Table) -> frozenset[tuple[str, str]]:
    return table.protected.suppressed if table.protected is not None else frozenset()


def _protect_shared_totals(tables: dict[str, Table], row_keys: Sequence[str], threshold: int) -> None:
    """Hide a row total (or the grand total) in every table of a ``same_totals`` group once it is
    hidden in one, and protect again, until the group agrees."""
    groups: dict[str, list[str]] = defaultdict(list)
    for table_id, table in tables.items():
        if table.spec.same_totals:
            groups[table.spec.same_totals].append(table_id)
    for members in groups.values():
        for _round in range(len(row_keys) + 2):
            hidden = {key for table_id in members for key in _hidden(tables[table_id]) if key[1] == TOTAL}
            changed = False
            for table_id in members:
                table = tables[table_id]
                if hidden <= _hidden(table):
                    continue
                protected = protect(table.counts, row_keys, table.spec.columns, threshold, hidden=hidden)
                tables[table_id] = Table(table.spec, table.rows, table.counts, protected)
                changed = True
            if not changed:
                break


def protect_set(figures: FigureSet, threshold: int) -> FigureSet:
    """Every table with small cells suppressed (primary and secondary, ``core.disclosure``)."""
    row_keys = [r.key for r in figures.rows]
    if not row_keys:
        return FigureSet(
            figures.period,
            figures.level,
            (),
            figures.region_names,
            figures.tables,
            figures.durations,
            threshold,
            dict(figures.meta),
        )
    tables = {}
    for table_id, table in figures.tables.items():
        protected = protect(table.counts, row_keys, table.spec.columns, threshold)
        tables[table_id] = Table(table.spec, table.rows, table.counts, protected)
    _protect_shared_totals(tables, row_keys, threshold)
    durations = DurationTable(
        figures.durations.rows,
        figures.durations.histograms,
        protect_series(
            {k: sum(h.values()) for k, h in figures.durations.histograms.items()}, row_keys, threshold
        ),
    )
    return FigureSet(
        figures.period,
        figures.level,
        figures.rows,
        figures.region_names,
        tables,
        durations,
        threshold,
        dict(figures.meta),
    )
