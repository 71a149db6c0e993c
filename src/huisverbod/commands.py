"""Subcommands of ``huisverbod`` that run on the core alone (no database)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from huisverbod.core import casefile as cf
from huisverbod.core.assessment import assess
from huisverbod.core.assessment.report import render_text
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.core.law.parameters import ParameterSetError, parameter_set


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


def _sources(value: str) -> frozenset[OrganisationKind]:
    kinds = [part.strip() for part in value.split(",") if part.strip()]
    if not kinds:
        raise argparse.ArgumentTypeError("give at least one source, e.g. --sources police")
    unknown = [k for k in kinds if k not in OrganisationKind._value2member_map_]
    if unknown:
        allowed = ", ".join(kind.value for kind in OrganisationKind)
        raise argparse.ArgumentTypeError(f"unknown source {', '.join(unknown)} (allowed: {allowed})")
    return frozenset(OrganisationKind(k) for k in kinds)


def assess_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="huisverbod assess",
        description="Assess a case file: the legal test, the instruments and the advice on every measure.",
    )
    parser.add_argument("file", metavar="FILE", help="a case file (huisverbod-casus/1); - reads stdin")
    parser.add_argument("--json", action="store_true", help="print the output contract as JSON")
    parser.add_argument(
        "--sources",
        type=_sources,
        metavar="KIND[,KIND...]",
        help="use only the facts these sources supplied (e.g. police); default: all facts (the joint view)",
    )
    parser.add_argument("--parameter-set", metavar="ID", help="assess under another law parameter set")
    parser.add_argument("--language", choices=["nl", "en"], default="nl", help="language of the report")
    args = parser.parse_args(list(argv))
    try:
        casefile = load_casefile(args.file).casefile
    except OSError as exc:
        print(f"{args.file}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except cf.CaseFileError as exc:
        print(exc.describe(), file=sys.stderr)
        return 1
    try:
        parameters = parameter_set(args.parameter_set) if args.parameter_set else None
    except ParameterSetError as exc:
        print(f"--parameter-set: {exc}", file=sys.stderr)
        return 2
    result = assess(casefile, sources=args.sources, parameters=parameters)
    if args.json:
        print(json.dumps(result.to_contract(), ensure_ascii=False, indent=2))
    else:
        print(render_text(result, language=args.language))
    return 0
