"""``huisverbod synth``: write synthetic police and Veilig Thuis registries with the known truth.

    huisverbod synth --records 1000000 --seed 7 --format csv --out var/synth

writes ``police.<ext>`` (N records), ``veilig_thuis.<ext>`` (N/2) and, with ``--truth``,
``persons.<ext>`` (every synthetic person: the truth the records' ``person_truth_id`` points to).
One pass over the household stream, so memory stays flat at any size. Prints one JSON line with
the counts, the time taken and the peak memory. All data is synthetic.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from huisverbod.core.synth.generate import GENERATOR_VERSION, SynthConfig, generate
from huisverbod.core.synth.profile import PROFILES, STANDARD
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS
from huisverbod.core.synth.writers import truth_dict, write_csv, write_jsonl


class _Output:
    """One output file, written in batches; CSV gets its header once."""

    def __init__(self, stream: TextIO, file_format: str) -> None:
        self.stream = stream
        self.format = file_format
        self.count = 0

    def write(self, rows: Iterable[Any]) -> None:
        if self.format == "csv":
            self.count += write_csv(rows, self.stream, header=self.count == 0)
        else:
            self.count += write_jsonl(rows, self.stream)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="huisverbod synth", description="Write synthetic registries.")
    parser.add_argument("--records", type=int, default=1_000, help="police records (default 1000)")
    parser.add_argument("--vt-records", type=int, default=None, help="Veilig Thuis records (default: half)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", default=STANDARD.id, choices=sorted(PROFILES))
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--truth", action="store_true", help="also write persons.<ext>, the truth")
    return parser


def synth_command(argv: Sequence[str], stdout: Callable[[str], object] = print) -> int:
    if list(argv[:1]) == ["history"]:  # huisverbod synth history ... (synth_history.py)
        from huisverbod.synth_history import history_command

        return history_command(argv[1:], stdout)
    args = _parser().parse_args(list(argv))
    if args.records < 1 or (args.vt_records is not None and args.vt_records < 0):
        sys.stderr.write("huisverbod synth: --records must be at least 1\n")
        return 2
    config = SynthConfig(
        seed=args.seed,
        police_records=args.records,
        veilig_thuis_records=args.vt_records,
        profile=PROFILES[args.profile],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    extension = args.format
    started = time.perf_counter()
    names = [POLICE, VEILIG_THUIS, *(["persons"] if args.truth else [])]
    with ExitStack() as files:
        outputs = {
            name: _Output(
                files.enter_context(
                    open(args.out / f"{name}.{extension}", "w", encoding="utf-8", newline="")
                ),
                args.format,
            )
            for name in names
        }
        for generated in generate(config):
            outputs[POLICE].write(generated.police)
            outputs[VEILIG_THUIS].write(generated.veilig_thuis)
            if args.truth:
                outputs["persons"].write(truth_dict(person) for person in generated.household.members)
    summary = {
        "generator": GENERATOR_VERSION,
        "seed": config.seed,
        "noise_profile": config.profile.id,
        "written": {
            name: {"file": str(args.out / f"{name}.{extension}"), "rows": outputs[name].count}
            for name in names
        },
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    stdout(json.dumps(summary))
    return 0
