"""``huisverbod figures refresh``: rebuild the summaries the policy figures are read from;
``huisverbod figures show``: print the national figures as published (suppressed), as CSV."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from huisverbod.audit.log import AuditContext, record
from huisverbod.core.figures.arithmetic import PERIODS
from huisverbod.core.figures.tables import LEVELS
from huisverbod.figures.export import TABLE_IDS


class Command(BaseCommand):
    help = "Rebuild the summaries of the policy figures, or print the published figures."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("refresh", help="rebuild every summary from the records (docs/figures.md)")
        show = sub.add_parser("show", help="print one table as published (small cells suppressed), as CSV")
        show.add_argument("table", choices=TABLE_IDS, help="the table")
        show.add_argument("--period", choices=PERIODS, default="year")
        show.add_argument("--level", choices=LEVELS, default="national")
        show.add_argument("--start", type=date.fromisoformat)
        show.add_argument("--end", type=date.fromisoformat)

    def handle(self, *args: Any, **options: Any) -> None:
        context = AuditContext.for_command("figures")
        if options["action"] == "refresh":
            from huisverbod.figures.services import refresh_all

            started = time.perf_counter()
            result = refresh_all()
            record(context, "figures-refresh", detail=result)
            self.stderr.write(
                f"figures refreshed: {result['cases']} cases, {result['cells']} summary cells "
                f"in {time.perf_counter() - started:.1f} s"
            )
            return
        from huisverbod.figures.export import table_csv
        from huisverbod.figures.services import published_figures

        figures = published_figures(options["period"], options["level"], options["start"], options["end"])
        record(
            context, "figures-export", detail={"table": options["table"], "format": "csv", "channel": "cli"}
        )
        sys.stdout.write(table_csv(figures, options["table"]))
