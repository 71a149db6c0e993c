"""The dashboard's content (tables and charts of the published figures) and the printable PDF.

The PDF is rendered with WeasyPrint as the beschikking is (``orders.documents``): the same fonts
(DejaVu Sans), the same rule that nothing is fetched from outside, inline SVG charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from huisverbod.core.disclosure import TOTAL
from huisverbod.core.figures.tables import FigureSet
from huisverbod.figures import charts, export, labels
from huisverbod.figures.services import published_figures
from huisverbod.orders.documents import _no_fetching as no_fetching  # the beschikking's renderer rule


@dataclass(frozen=True)
class Filters:
    period: str
    level: str
    start: date
    end: date


def default_filters(today: date | None = None) -> Filters:
    """The last two years to the end of the current month, per quarter, nationally."""
    today = today or timezone.localdate()
    return Filters("quarter", "national", date(today.year - 2, today.month, 1), today)


def _grand_total(figures: FigureSet, table: str) -> int | None:
    protected = figures.tables[table].protected
    return protected.shown(TOTAL, TOTAL) if protected is not None else None


def dashboard(filters: Filters) -> dict[str, Any]:
    """Everything the dashboard, the PDF and the CSV links show, all of it protected."""
    figures = published_figures(filters.period, filters.level, filters.start, filters.end)
    monthly = published_figures("month", "national", filters.start, filters.end)
    month_labels = [r.period for r in monthly.rows]
    trend_series = {
        str(labels.TOTAL_LABELS["assessments"]): [
            monthly.tables["assessments"].value(r.key, TOTAL) for r in monthly.rows
        ],
        str(labels.TOTAL_LABELS["orders"]): [
            monthly.tables["orders"].value(r.key, TOTAL) for r in monthly.rows
        ],
        str(labels.TOTAL_LABELS["extensions"]): [
            monthly.tables["extensions"].value(r.key, TOTAL) for r in monthly.rows
        ],
    }
    region_level = filters.level if filters.level != "national" else "police_unit"
    regional = published_figures("year", region_level, filters.start, filters.end)
    last = max((r.period for r in regional.rows), default=None)
    region_rows = [r for r in regional.rows if r.period == last]
    region_series = {
        str(labels.TOTAL_LABELS["assessments"]): [
            regional.tables["assessments"].value(r.key, TOTAL) for r in region_rows
        ],
        str(labels.TOTAL_LABELS["orders"]): [
            regional.tables["orders"].value(r.key, TOTAL) for r in region_rows
        ],
    }
    funnel_steps = [
        (str(labels.TOTAL_LABELS["assessments"]), _grand_total(monthly, "assessments")),
        (str(labels.COLUMN_LABELS["decisions.order"]), _grand_total(monthly, "orders")),
        (str(labels.TOTAL_LABELS["extensions"]), _grand_total(monthly, "extensions")),
    ]
    return {
        "filters": filters,
        "figures": figures,
        "threshold": figures.threshold,
        "level_label": labels.LEVEL_LABELS[filters.level],
        "period_label": labels.PERIOD_LABELS[filters.period],
        "tables": [export.table_rows(figures, t) for t in export.table_ids()],
        "charts": {
            "trend": charts.trend(month_labels, trend_series, _("Per month, nationally")),
            "regions": charts.bars(
                [regional.region_names.get(r.region, "?") for r in region_rows],
                region_series,
                _("Regions side by side (%(level)s, %(year)s)")
                % {"level": labels.LEVEL_LABELS[region_level], "year": last or "-"},
            ),
            "funnel": charts.funnel(funnel_steps, _("From assessment to order to extension")),
        },
    }


def render_pdf(filters: Filters) -> bytes:
    context = dashboard(filters)
    context["generated_at"] = timezone.localtime()
    html = render_to_string("figures/report.html", context)
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf(pdf_tags=True)
    return pdf
