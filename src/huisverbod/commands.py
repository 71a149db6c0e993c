"""Subcommands of ``huisverbod`` that run on the core alone (no database)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from huisverbod.core import casefile as cf


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def load_casefile(path: str) -> cf.ParseResult:
    """Read and validate one case file; raises CaseFileError or OSError."""
    return cf.parse_text(_read(path), source=path)


def validate_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="huisverbod validate",
        description="Validate case files (huisverbod-casus/1). Exit 0 when every file is valid.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="case file(s); - reads stdin")
    args = parser.parse_args(list(argv))
    failed = 0
    for path in args.files:
        try:
            result = load_casefile(path)
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
            continue
        except cf.CaseFileError as exc:
            print(exc.describe(), file=sys.stderr)
            failed += 1
            continue
        for warning in result.warnings:
            print(f"{path}: warning: {warning}", file=sys.stderr)
        case = result.casefile
        print(
            f"{path}: valid ({case.format}, case '{case.id}', {len(case.persons)} persons, "
            f"{len(case.facts)} facts)",
            file=sys.stderr,
        )
    if failed:
        print(f"{failed} of {len(args.files)} file(s) refused", file=sys.stderr)
        return 1
    return 0
