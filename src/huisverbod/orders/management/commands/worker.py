"""``huisverbod worker``: the deadline worker (``--once`` for one pass)."""

from __future__ import annotations

import signal
import time
from typing import Any

import structlog
from django.core.management.base import BaseCommand, CommandParser

from huisverbod.orders.worker import run_once

log = structlog.get_logger(__name__)


class Command(BaseCommand):
    help = "Run the deadline worker: expire orders, fire due reminders exactly once, send e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between passes")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            stats = run_once(batch_size=options["batch_size"])
            if stats.expired or stats.reminders or stats.emails or any(stats.jobs.values()):
                log.info(
                    "worker pass",
                    expired=stats.expired,
                    reminders=stats.reminders,
                    emails=stats.emails,
                    **stats.jobs,
                )
            if options["once"] or stopping:
                self.stderr.write(
                    f"worker: {stats.expired} expired, {stats.reminders} reminders, {stats.emails} e-mails"
                )
                return
            slept = 0.0
            while slept < options["interval"] and not stopping:
                time.sleep(0.5)
                slept += 0.5
