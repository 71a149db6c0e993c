"""The figures: summaries kept from the records, and the figures read from the summaries.

- ``refresh_all()`` rebuilds every summary from the records (``huisverbod figures refresh``).
- ``refresh_cases(ids)`` brings the changes to some cases' records into the summaries: it takes
  back what each case added before and adds what it adds now. The receivers call it after each
  commit that touched a figure's record (``receivers``).
- ``compute_figures(...)`` reads only the summary table and assembles the figures (unprotected:
  for use inside the system, e.g. the benchmark); ``published_figures(...)`` protects them with
  ``FIGURES_SUPPRESSION_THRESHOLD`` for everything that leaves the system.

Definitions: ``core/figures/definitions.py`` and ``docs/figures.md``.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateField, F, Q, Sum
from django.db.models.functions import Cast, TruncQuarter, TruncYear

from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Dwelling
from huisverbod.core.figures.arithmetic import (
    PERIODS,
    last_month_start,
    months_between,
    period_of,
    period_start,
)
from huisverbod.core.figures.definitions import (
    AssessmentRec,
    CaseRecords,
    DecisionRec,
    EvaluationRec,
    EventRec,
    MeasureRec,
    OrderRec,
    contributions,
)
from huisverbod.core.figures.tables import LEVELS, FigureSet, assemble, protect_set
from huisverbod.decisions.models import Decision, MeasureTaken
from huisverbod.figures.models import CaseContribution, Level, SummaryCell
from huisverbod.monitoring.models import ExtensionAdvice, PersonEvaluation
from huisverbod.orders.models import Appeal, Order, OrderEvent, Violation

CHUNK = 2000
EVENT_ACTIONS = ("extend", "withdraw", "annul")

Cell = tuple[str, str, int, date, str, int]  # level, period, region, period start, key, bucket


@dataclass(frozen=True)
class Regions:
    """Municipalities by place name, and each municipality's police unit and Veilig Thuis region."""

    by_place: dict[str, int]
    parents: dict[int, tuple[int, int]]

    @classmethod
    def load(cls) -> Regions:
        by_place: dict[str, int] = {}
        parents: dict[int, tuple[int, int]] = {}
        municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by(
            "-active", "pk"
        )
        for m in municipalities.values("pk", "name", "places", "police_unit_id", "veilig_thuis_region_id"):
            parents[m["pk"]] = (m["police_unit_id"] or 0, m["veilig_thuis_region_id"] or 0)
            # As orders.services.competent_municipality: a place of the municipality, or its name.
            names = [line.strip() for line in (m["places"] or "").splitlines() if line.strip()]
            names.append(m["name"].casefold().removeprefix("gemeente ").strip())
            for name in names:
                by_place.setdefault(name.casefold(), m["pk"])
        return cls(by_place, parents)

    def regions_of(self, municipality: int) -> dict[str, int]:
        unit, vt = self.parents.get(municipality, (0, 0))
        return {
            Level.MUNICIPALITY: municipality,
            Level.POLICE_UNIT: unit,
            Level.VEILIG_THUIS_REGION: vt,
            Level.NATIONAL: 0,
        }


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _filtered(queryset: Any, field: str, case_ids: list[int] | None) -> Iterator[Any]:
    if case_ids is None:
        yield from queryset.iterator(chunk_size=CHUNK)
        return
    for chunk in _chunks(case_ids):
        yield from queryset.filter(**{f"{field}__in": chunk})


def load_cases(case_ids: Iterable[int] | None = None) -> tuple[dict[int, CaseRecords], dict[int, int]]:
    """The records of the given cases (all when None) as the core's plain records, read from model
    columns only; and each case's municipality (0 when unknown)."""
    ids = None if case_ids is None else sorted(set(case_ids))
    regions = Regions.load()
    assessments: dict[int, list[AssessmentRec]] = defaultdict(list)
    joint: set[int] = set()
    for case_id, created_at, is_joint, supersedes in _filtered(
        Assessment.objects.values_list("case_id", "created_at", "joint", "supersedes_id"), "case_id", ids
    ):
        assessments[case_id].append(AssessmentRec(created_at, is_joint, supersedes is None))
        if is_joint:
            joint.add(case_id)
    decisions: dict[int, list[DecisionRec]] = defaultdict(list)
    for case_id, outcome, decided_at, incident_at, reasons, order_id in _filtered(
        Decision.objects.values_list(
            "case_id", "outcome", "decided_at", "incident_at", "not_possible_reasons", "order_id"
        ),
        "case_id",
        ids,
    ):
        decisions[case_id].append(
            DecisionRec(outcome, decided_at, incident_at, tuple(reasons or ()), order_id)
        )
    measures: dict[int, list[MeasureRec]] = defaultdict(list)
    for case_id, measure, track, taken_on, removed_at in _filtered(
        MeasureTaken.objects.values_list("case_id", "measure", "track", "taken_on", "removed_at"),
        "case_id",
        ids,
    ):
        measures[case_id].append(MeasureRec(measure, track, taken_on, removed_at is not None))

    orders: dict[int, dict[str, Any]] = {}
    municipality_of: dict[int, int] = {}
    for order_id, case_id, imposed_at, route, municipality_id in _filtered(
        Order.objects.order_by("created_at", "pk").values_list(
            "pk", "case_id", "imposed_at", "route", "municipality_id"
        ),
        "case_id",
        ids,
    ):
        orders[order_id] = {"case": case_id, "imposed_at": imposed_at, "route": route}
        municipality_of[case_id] = municipality_id  # the latest order's municipality decides
    order_ids = sorted(orders)
    by_order: dict[str, dict[int, list[Any]]] = {
        k: defaultdict(list) for k in ("events", "appeals", "violations", "evaluations")
    }
    waiting = set(
        _filtered(
            ExtensionAdvice.objects.filter(improper_if_extended=True, decision__isnull=False).values_list(
                "decision_id", flat=True
            ),
            "order_id",
            order_ids,
        )
    )
    for pk, order_id, action, at in _filtered(
        OrderEvent.objects.filter(action__in=EVENT_ACTIONS).values_list("pk", "order_id", "action", "at"),
        "order_id",
        order_ids,
    ):
        by_order["events"][order_id].append(EventRec(action, at, pk in waiting))
    for order_id, lodged_at in _filtered(
        Appeal.objects.values_list("order_id", "lodged_at"), "order_id", order_ids
    ):
        by_order["appeals"][order_id].append(lodged_at)
    for order_id, occurred_at in _filtered(
        Violation.objects.values_list("order_id", "occurred_at"), "order_id", order_ids
    ):
        by_order["violations"][order_id].append(occurred_at)
    for order_id, role, started in _filtered(
        PersonEvaluation.objects.values_list(
            "closing__order_id", "involvement__role", "help_started_during_order"
        ),
        "closing__order_id",
        order_ids,
    ):
        by_order["evaluations"][order_id].append(EvaluationRec(role, started))
    case_orders: dict[int, list[OrderRec]] = defaultdict(list)
    for order_id, o in orders.items():
        case_orders[o["case"]].append(
            OrderRec(
                order_id,
                o["imposed_at"],
                o["route"],
                tuple(sorted(by_order["events"][order_id], key=lambda e: e.at)),
                tuple(by_order["appeals"][order_id]),
                tuple(by_order["violations"][order_id]),
                tuple(by_order["evaluations"][order_id]),
            )
        )
    for case_id, city in _filtered(Dwelling.objects.values_list("case_id", "city"), "case_id", ids):
        if case_id not in municipality_of:
            municipality_of[case_id] = regions.by_place.get(city.strip().casefold(), 0)

    every = set(assessments) | set(decisions) | set(measures) | set(case_orders)
    cases = {
        case_id: CaseRecords(
            assessments[case_id],
            decisions[case_id],
            measures[case_id],
            case_orders[case_id],
            case_id in joint,
        )
        for case_id in every
    }
    return cases, {case_id: municipality_of.get(case_id, 0) for case_id in every}


def _cells(contribution: Counter[tuple[date, str, int]]) -> list[list[Any]]:
    return [
        [month.isoformat(), key, bucket, count]
        for (month, key, bucket), count in sorted(contribution.items())
    ]


def _spread(
    municipality: int, cells: Iterable[list[Any]], regions: Regions, sign: int, into: Counter[Cell]
) -> None:
    # Each month counts in its month, its quarter and its year (the stored periods).
    for level, region in regions.regions_of(municipality).items():
        for month, key, bucket, count in cells:
            day = date.fromisoformat(month)
            for period in PERIODS:
                into[(level, period, region, period_start(day, period), key, bucket)] += sign * count


@transaction.atomic
def refresh_all() -> dict[str, int]:
    """Rebuild every summary from the records. Returns how many cases and cells."""
    cases, municipality = load_cases()
    regions = Regions.load()
    totals: Counter[Cell] = Counter()
    rows = []
    for case_id, records in cases.items():
        cells = _cells(contributions(records))
        if not cells:
            continue
        rows.append(CaseContribution(case_id=case_id, municipality=municipality[case_id], cells=cells))
        _spread(municipality[case_id], cells, regions, 1, totals)
    CaseContribution.objects.all().delete()
    SummaryCell.objects.all().delete()
    CaseContribution.objects.bulk_create(rows, batch_size=CHUNK)
    SummaryCell.objects.bulk_create(
        (
            SummaryCell(
                level=level, period=period, region=region, month=month, key=key, bucket=bucket, count=count
            )
            for (level, period, region, month, key, bucket), count in totals.items()
            if count
        ),
        batch_size=CHUNK,
    )
    return {"cases": len(rows), "cells": sum(1 for c in totals.values() if c)}


@transaction.atomic
def refresh_cases(case_ids: Iterable[int]) -> int:
    """Bring the current records of these cases into the summaries (the cells they touch, only).
    Returns the number of summary cells changed."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    cases, municipality = load_cases(ids)
    regions = Regions.load()
    delta: Counter[Cell] = Counter()
    old = {c.case_id: c for c in CaseContribution.objects.select_for_update().filter(case_id__in=ids)}
    for case_id in ids:
        if case_id in old:
            _spread(int(old[case_id].municipality), old[case_id].cells, regions, -1, delta)
        records = cases.get(case_id)
        cells = _cells(contributions(records)) if records is not None else []
        if cells:
            _spread(municipality[case_id], cells, regions, 1, delta)
            CaseContribution.objects.update_or_create(
                case_id=case_id, defaults={"municipality": municipality[case_id], "cells": cells}
            )
        elif case_id in old:
            old[case_id].delete()
    changed = 0
    for (level, period, region, month, key, bucket), d in sorted(delta.items()):
        if d == 0:
            continue
        changed += 1
        cell = SummaryCell.objects.filter(
            level=level, period=period, region=region, month=month, key=key, bucket=bucket
        )
        if not cell.update(count=F("count") + d):
            try:
                with transaction.atomic():
                    SummaryCell.objects.create(
                        level=level,
                        period=period,
                        region=region,
                        month=month,
                        key=key,
                        bucket=bucket,
                        count=d,
                    )
            except IntegrityError:  # created meanwhile by another transaction
                cell.update(count=F("count") + d)
    SummaryCell.objects.filter(count=0).filter(Q(level__in=LEVELS)).delete()
    return changed


def _region_names(level: str) -> dict[int, str]:
    kind = {
        Level.MUNICIPALITY: OrganisationKind.MUNICIPALITY,
        Level.POLICE_UNIT: OrganisationKind.POLICE_UNIT,
        Level.VEILIG_THUIS_REGION: OrganisationKind.VEILIG_THUIS,
    }.get(Level(level))
    names: dict[int, str] = {0: "Nederland" if level == Level.NATIONAL else "?"}
    if kind is not None:
        names.update(Organisation.objects.filter(kind=kind).values_list("pk", "name"))
    return names


def compute_figures(
    period: str = "month",
    level: str = "national",
    start: date | None = None,
    end: date | None = None,
    regions: Iterable[int] | None = None,
) -> FigureSet:
    """Every figure per period and region, read from the summary table alone (unprotected).

    ``period``: month, quarter or year; ``level``: national, police_unit, veilig_thuis_region or
    municipality; ``start``/``end``: dates (the months they lie in are included); ``regions``:
    only these region ids of the level.
    """
    if level not in LEVELS:
        raise ValueError(f"level: one of {', '.join(LEVELS)}, not {level!r}")
    period_of(date(2000, 1, 1), period)  # validates the period
    # Whole periods are stored; a range that cuts a quarter or year is added up from its months.
    whole = (start is None or start.replace(day=1) == period_start(start, period)) and (
        end is None or end >= last_month_start(end, period)
    )
    cells = SummaryCell.objects.filter(level=level, period=period if whole else "month")
    if start is not None:
        cells = cells.filter(month__gte=start.replace(day=1))
    if end is not None:
        cells = cells.filter(month__lte=end)
    if regions is not None:
        cells = cells.filter(region__in=list(regions))
    with _without_gc():
        figures = _read(cells, period=period, level=level, start=start, end=end, whole=whole)
    figures.meta.update({"start": start, "end": end})
    return figures


@contextmanager
def _without_gc() -> Iterator[None]:
    """Reading builds hundreds of thousands of small tuples at once, none of them in a cycle: the
    cyclic garbage collector would only walk them again and again (a sixth of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(
    cells: Any, *, period: str, level: str, start: date | None, end: date | None, whole: bool
) -> FigureSet:
    if period == "month" or whole:
        rows = list(cells.values_list("region", "month", "key", "bucket", "count"))
    else:  # add the months up in the database: a row per quarter or year, not per month
        trunc = TruncQuarter("month") if period == "quarter" else TruncYear("month")
        rows = list(  # a date from the database, not a timestamp converted row by row in Python
            cells.annotate(start=Cast(trunc, DateField()))
            .values("region", "start", "key", "bucket")
            .annotate(total=Sum("count"))
            .values_list("region", "start", "key", "bucket", "total")
            .order_by()
        )
    periods: list[str] = []
    if rows or (start and end):
        months = {r[1] for r in rows}
        first = start or min(months)
        last = end or max(months)
        periods = list(dict.fromkeys(period_of(m, period) for m in months_between(first, last)))
    return assemble(rows, period=period, level=level, region_names=_region_names(level), periods=periods)


def threshold() -> int:
    return int(settings.FIGURES_SUPPRESSION_THRESHOLD)


def published_figures(
    period: str = "month",
    level: str = "national",
    start: date | None = None,
    end: date | None = None,
    regions: Iterable[int] | None = None,
) -> FigureSet:
    """The figures as they may leave the system: small cells suppressed (``core.disclosure``)."""
    return protect_set(compute_figures(period, level, start, end, regions), threshold())
