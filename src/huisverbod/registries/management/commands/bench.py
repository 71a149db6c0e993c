"""``huisverbod bench matching --records N --json [--database-url URL]``: the person-matching
benchmark (the project's matcher next to Splink 5 on the same data; bench/matching/)."""

from __future__ import annotations

import os
import subprocess  # nosec B404
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Benchmarks: `bench matching --records N --json` (needs requirements/bench.txt for Splink)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("which", choices=["matching"])
        parser.add_argument("rest", nargs="*", help="options of the benchmark, e.g. --records 20000 --json")

    def run_from_argv(self, argv: list[str]) -> None:
        # Pass every option after the benchmark's name to it unchanged.
        if len(argv) < 3 or argv[2] != "matching":
            super().run_from_argv(argv)
            return
        sys.exit(self._matching(argv[3:]))

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("usage: huisverbod bench matching --records N --json")

    def _matching(self, argv: list[str]) -> int:
        # A process of its own: with --database-url it sets Django up on that database, not on
        # the one this command was started with.
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(settings.BASE_DIR / "src"), str(settings.BASE_DIR)]),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        command = [sys.executable, "-m", "bench.matching.run", *argv]
        return subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=False).returncode  # noqa: S603  # nosec B603
