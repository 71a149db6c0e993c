"""``huisverbod synth history``: the synthetic national history (docs/synth.md, *National history*).

    huisverbod synth history --years 10 --scale 1.0 --seed 7 --load       # into the database
    huisverbod synth history --years 2 --scale 0.05 --out var/history     # JSON Lines files

``--out`` runs on the core alone (no database): ``cases.jsonl`` (one case file per assessment,
with its decision, measures and order), ``police.jsonl`` and ``veilig_thuis.jsonl``. ``--load``
writes the history into the database configured by ``DATABASE_URL`` (docs/synth.md) and
refreshes the figures. Both print one JSON line with the counts and the seconds taken; progress
goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from huisverbod.core.synth.history import HistoryCase, HistoryConfig, history_cases, history_registry
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS
from huisverbod.core.synth.writers import write_jsonl


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="huisverbod synth history", description="Generate or load the synthetic national history."
    )
    parser.add_argument("--years", type=int, default=10, help="number of years (default 10)")
    parser.add_argument("--start-year", type=int, default=2016, help="first year (default 2016)")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national volumes (default)")
    parser.add_argument("--seed", type=int, default=1)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--load", action="store_true", help="write into the database (DATABASE_URL)")
    target.add_argument("--out", type=Path, help="write JSON Lines files into this directory")
    parser.add_argument("--no-registries", action="store_true", help="leave out the registry records")
    return parser


def case_dict(case: HistoryCase) -> dict[str, Any]:
    """One assessment of the history as JSON: the case file plus what was decided on it."""
    order = None
    if case.order is not None:
        order = asdict(case.order)
    return {
        "casefile": case.casefile(),
        "municipality": case.municipality.code,
        "police_unit": case.municipality.police_unit,
        "veilig_thuis_region": case.municipality.veilig_thuis_region,
        "route": case.route,
        "joint": case.joint,
        "advice": case.advice,
        "outcome": case.outcome,
        "not_possible_reasons": list(case.not_possible_reasons),
        "incident_at": case.incident_at,
        "decided_at": case.decided_at,
        "measures": [{"measure": m, "taken_on": day} for m, day in case.measures],
        "order": order,
    }


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{stage}: {done:,}/{total:,}      ")
        sys.stderr.flush()


def _write(config: HistoryConfig, out: Path, registries: bool) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    with open(out / "cases.jsonl", "w", encoding="utf-8") as handle:
        count = 0
        for case in history_cases(config):
            handle.write(json.dumps(case_dict(case), ensure_ascii=False, default=str) + "\n")
            count += 1
        written["cases"] = count
    for name in (POLICE, VEILIG_THUIS) if registries else ():
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            written[name] = write_jsonl(history_registry(config, name), handle)
    return {"written": written, "directory": str(out)}


def _load(config: HistoryConfig, registries: bool) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisverbod.conf.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from huisverbod.history.loader import load_history

    call_command("migrate", verbosity=0, interactive=False)
    return load_history(config, registries=registries, progress=_progress)


def history_command(argv: Sequence[str], stdout: Callable[[str], object] = print) -> int:
    args = _parser().parse_args(list(argv))
    if args.years < 1 or args.scale <= 0:
        sys.stderr.write("huisverbod synth history: --years must be at least 1 and --scale positive\n")
        return 2
    config = HistoryConfig(seed=args.seed, start_year=args.start_year, years=args.years, scale=args.scale)
    began = time.perf_counter()
    if args.load:
        summary = _load(config, not args.no_registries)
    else:
        summary = _write(config, args.out, not args.no_registries)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    summary["total_seconds"] = round(time.perf_counter() - began, 1)
    stdout(json.dumps(summary, default=str))
    return 0
