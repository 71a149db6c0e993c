"""The published figures as rows for the page, CSV and PDF, and as data for the API.

Every table that leaves the system comes from a *protected* ``FigureSet`` (``published_figures``):
suppressed cells are shown as ``SUPPRESSED_MARK``, and a share whose numerator or denominator is
suppressed is not shown either.

CSV: semicolon-separated, UTF-8 with a byte-order mark and a decimal comma, which is what Excel
with Dutch regional settings opens correctly by double-clicking (a comma-separated file would
land in one column there).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from huisverbod.core.disclosure import TOTAL
from huisverbod.core.figures.tables import DURATION_TABLE, TABLES, FigureSet, Row
from huisverbod.figures import labels

TABLE_IDS = (*(spec.id for spec in TABLES), DURATION_TABLE)


@dataclass(frozen=True)
class Shown:
    """One published value: the text to show, the number (None when suppressed or empty), and
    whether it is suppressed."""

    text: str
    number: float | int | None
    suppressed: bool = False
    total: bool = False


def _number(value: float | int | None, suppressed: bool, decimal: str = ",") -> Shown:
    if suppressed:
        return Shown(labels.SUPPRESSED_MARK, None, True)
    if value is None:
        return Shown("", None)
    text = f"{value:.1f}".replace(".", decimal) if isinstance(value, float) else str(value)
    return Shown(text, value)


def row_label(figures: FigureSet, row: Row) -> str:
    if figures.level == "national":
        return row.period
    return f"{row.period} · {figures.region_names.get(row.region, '?')}"


def table_ids() -> tuple[str, ...]:
    return TABLE_IDS


def table_rows(figures: FigureSet, table_id: str, decimal: str = ",") -> dict[str, Any]:
    """A table as a header and rows of ``Shown`` values (periods/regions down, figures across)."""
    if not figures.protected:
        raise ValueError("only protected figures leave the system (published_figures)")
    if table_id == DURATION_TABLE:
        header = [str(labels.DURATION_LABELS[k]) for k in ("n", "q1", "median", "q3")]
        body = []
        for row in figures.rows:
            n = figures.durations.n(row.key)
            spread = figures.durations.durations(row.key)
            hidden = n is None
            body.append(
                (
                    row,
                    row_label(figures, row),
                    [
                        _number(n, hidden, decimal),
                        _number(spread.q1_hours, hidden, decimal),
                        _number(spread.median_hours, hidden, decimal),
                        _number(spread.q3_hours, hidden, decimal),
                    ],
                )
            )
        return {"id": table_id, "title": str(labels.TABLE_TITLES[table_id]), "header": header, "rows": body}
    if table_id not in figures.tables:
        raise KeyError(table_id)
    table = figures.tables[table_id]
    spec = table.spec
    columns = [*spec.columns, *([TOTAL] if spec.partition else [])]
    header = [labels.column(c, table_id) for c in columns] + [
        str(labels.SHARE_LABELS[s.id]) for s in spec.shares
    ]
    body = []
    for row in figures.rows:
        values = [
            _number(table.value(row.key, c), table.suppressed(row.key, c) is not None, decimal)
            for c in columns
        ]
        for share_spec in spec.shares:
            value = table.share(row.key, share_spec)
            hidden = any(
                table.value(row.key, c) is None for c in (*share_spec.numerator, *share_spec.denominator)
            )
            values.append(_number(value, hidden, decimal))
        body.append((row, row_label(figures, row), values))
    totals = [_number(table.column_total(c), table.column_total(c) is None, decimal) for c in columns]
    return {
        "id": table_id,
        "title": str(labels.TABLE_TITLES[table_id]),
        "header": header,
        "rows": body,
        "totals": totals,
    }


def table_csv(figures: FigureSet, table_id: str) -> str:
    table = table_rows(figures, table_id)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    first = _("Period") if figures.level == "national" else _("Period · region")
    writer.writerow([first, *table["header"]])
    for _row, label, values in table["rows"]:
        writer.writerow([label, *(v.text for v in values)])
    if "totals" in table:
        writer.writerow([_("Total"), *(v.text for v in table["totals"])])
    writer.writerow([])
    writer.writerow(
        [_("x = not shown: fewer than %(n)s, or would reveal such a cell.") % {"n": figures.threshold}]
    )
    return out.getvalue()


def table_data(figures: FigureSet, table_id: str) -> dict[str, Any]:
    """A table for the API: numbers (null when suppressed) with a flag per cell."""
    table = table_rows(figures, table_id, decimal=".")
    return {
        "id": table["id"],
        "title": table["title"],
        "columns": table["header"],
        "rows": [
            {
                "period": row.period,
                "region": row.region or None,
                "region_name": figures.region_names.get(row.region, "")
                if figures.level != "national"
                else "",
                "values": [v.number for v in values],
                "suppressed": [v.suppressed for v in values],
            }
            for row, _label, values in table["rows"]
        ],
    }
