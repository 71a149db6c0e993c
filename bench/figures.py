"""Benchmark of the policy figures over the ten-year synthetic national history on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres hv_bench_national
    .venv/bin/python -m bench.figures --database-url postgres://postgres@127.0.0.1:5432/hv_bench_national --json

It migrates the database it is given (use one of your own), loads the national history
(``huisverbod synth history``: ten years at scale 1.0; skipped when the database already holds
that history with the same seed, start year, years and scale, from the ``history-import``
processing-log entry), rebuilds the summaries once with ``refresh_all()`` (then ``VACUUM ANALYZE``
of the summary table, as autovacuum would in production) and then times the full set of
figures: ``compute_figures`` for every period (month, quarter, year) and every level
(national, police unit, Veilig Thuis region, municipality) the dashboard offers, ``--runs``
times after one warm-up run. Finally one record changes (a violation is registered on an order,
then withdrawn again): it times the commit with its incremental summary update and checks that
the summaries equal a full rebuild.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from datetime import timedelta
from typing import Any

PERIODS = ("month", "quarter", "year")
TARGET_SECONDS = 1.0


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisverbod.conf.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))  # nearest rank
    return ordered[index]


def _stats(seconds: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(seconds), 4),
        "p95": round(_percentile(seconds, 0.95), 4),
        "max": round(max(seconds), 4),
        "min": round(min(seconds), 4),
    }


def loaded_history(config: Any) -> str:
    """'same' when the database holds this history, 'other' when another, 'none' when none."""
    from huisverbod.audit.models import ProcessingLogEntry
    from huisverbod.cases.models import Case

    wanted = {
        "seed": config.seed,
        "start_year": config.start_year,
        "years": config.years,
        "scale": config.scale,
    }
    for attributes in ProcessingLogEntry.objects.filter(processing_activity_id="history-import").values_list(
        "attributes", flat=True
    ):
        if all(attributes.get(key) == value for key, value in wanted.items()):
            return "same"
    return "other" if Case.objects.filter(reference__startswith="hist-").exists() else "none"


def load(config: Any) -> dict[str, Any]:
    from django.core.management import call_command

    from huisverbod.history.loader import load_history

    call_command("migrate", verbosity=0, interactive=False)
    state = loaded_history(config)
    if state == "other":
        raise SystemExit("this database holds another synthetic history; give the benchmark a fresh database")
    if state == "same":
        return {"cached": True}
    began = time.perf_counter()
    summary = load_history(config, refresh=False)
    return {"cached": False, "seconds": round(time.perf_counter() - began, 1), "summary": summary}


def full_set(published: bool = False) -> tuple[float, dict[str, int]]:
    """Every period x level once; returns the seconds and the number of table rows per level.
    ``published``: as they leave the system, small cells suppressed (``published_figures``)."""
    from huisverbod.core.figures.tables import LEVELS
    from huisverbod.figures.services import compute_figures, published_figures

    read = published_figures if published else compute_figures
    began = time.perf_counter()
    rows: dict[str, int] = {}
    for period in PERIODS:
        for level in LEVELS:
            figures = read(period, level)
            rows[f"{period}/{level}"] = len(getattr(figures, "rows", []) or [])
    return time.perf_counter() - began, rows


def _cells() -> set[tuple[Any, ...]]:
    from huisverbod.figures.models import SummaryCell

    return set(
        SummaryCell.objects.values_list("level", "period", "region", "month", "key", "bucket", "count")
    )


def incremental() -> dict[str, Any]:
    """One record changes: a violation on an expired order, then withdrawn again."""
    from django.db import transaction

    from huisverbod.figures.services import refresh_all
    from huisverbod.history.loader import system_user
    from huisverbod.orders.models import Order, Violation

    order = (
        Order.objects.filter(
            state="ended_expired", violations__isnull=True, case__reference__startswith="hist-"
        )
        .order_by("pk")
        .first()
    )
    if order is None:
        return {"skipped": "no order to change"}
    before = _cells()
    began = time.perf_counter()
    with transaction.atomic():
        violation = Violation.objects.create(
            order=order,
            occurred_at=order.imposed_at + timedelta(days=2),  # type: ignore[operator]
            description="Benchmark: one changed record.",
            reported_by=system_user(),
        )
    add_seconds = time.perf_counter() - began  # the commit ran the incremental update
    after = _cells()
    changed = len(after ^ before)
    rebuilt_began = time.perf_counter()
    refresh_all()
    rebuild_seconds = time.perf_counter() - rebuilt_began
    correct = _cells() == after
    began = time.perf_counter()
    with transaction.atomic():
        Violation.objects.filter(pk=violation.pk).delete()
    remove_seconds = time.perf_counter() - began
    restored = _cells() == before
    return {
        "order": order.number,
        "cells_changed": changed,
        "add_violation_commit_seconds": round(add_seconds, 4),
        "remove_violation_commit_seconds": round(remove_seconds, 4),
        "summaries_equal_full_rebuild": correct,
        "summaries_restored_after_removal": restored,
        "full_rebuild_seconds": round(rebuild_seconds, 1),
    }


def run(
    database_url: str, years: int, scale: float, seed: int, start_year: int, runs: int, published_runs: int
) -> dict[str, Any]:
    _setup(database_url)
    from django.db import connection

    from huisverbod.cases.models import Case
    from huisverbod.core.synth.history import HistoryConfig
    from huisverbod.decisions.models import Decision
    from huisverbod.figures.models import SummaryCell
    from huisverbod.figures.services import refresh_all
    from huisverbod.orders.models import Order

    config = HistoryConfig(seed=seed, start_year=start_year, years=years, scale=scale)
    loaded = load(config)
    began = time.perf_counter()
    refreshed = refresh_all()
    refresh_seconds = time.perf_counter() - began
    # The rebuild deletes and inserts every summary cell; in production autovacuum then clears the
    # dead rows. Do that here too, or every read scans them (the test server runs without it).
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {SummaryCell._meta.db_table}")
    vacuum_seconds = time.perf_counter() - began
    full_set()  # warm-up
    timings = []
    rows: dict[str, int] = {}
    for _ in range(runs):
        seconds, rows = full_set()
        timings.append(seconds)
    published = [full_set(published=True)[0] for _ in range(published_runs)]
    result = {
        "benchmark": "figures",
        "database": connection.vendor,
        "server_version": connection.cursor().connection.info.server_version,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "history": {"seed": seed, "start_year": start_year, "years": years, "scale": scale},
        "records": {
            "cases": Case.objects.count(),
            "decisions": Decision.objects.count(),
            "orders": Order.objects.count(),
            "summary_cells": SummaryCell.objects.count(),
        },
        "load": loaded,
        "refresh_all_seconds": round(refresh_seconds, 1),
        "refresh_all": refreshed,
        "vacuum_analyze_seconds": round(vacuum_seconds, 1),
        "full_set": {
            "calls_per_run": len(rows),
            "runs": runs,
            "seconds": _stats(timings),
            "target_seconds": TARGET_SECONDS,
            "met": _percentile(timings, 0.95) <= TARGET_SECONDS,
        },
        "published_full_set": {"runs": published_runs, "seconds": _stats(published)} if published else None,
        "incremental": incremental(),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figures", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database of your own")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--start-year", type=int, default=2016)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--published-runs", type=int, default=3, help="also time published_figures (suppression) this often"
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    result = run(
        args.database_url, args.years, args.scale, args.seed, args.start_year, args.runs, args.published_runs
    )
    if args.json:
        print(json.dumps(result, default=str))
    else:
        seconds = result["full_set"]["seconds"]
        print(
            f"full set of figures: median {seconds['median']} s, p95 {seconds['p95']} s, max {seconds['max']} s "
            f"({result['full_set']['calls_per_run']} compute_figures calls per run)"
        )
        print(f"refresh_all: {result['refresh_all_seconds']} s; incremental: {result['incremental']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
