"""``huisverbod registry import --registry police|veilig_thuis [--format csv|jsonl|jzv] FILE``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huisverbod.audit.log import AuditContext, record
from huisverbod.registries.importers import FORMATS, ImportError_, import_file
from huisverbod.registries.models import Registry


class Command(BaseCommand):
    help = "Import a police or Veilig Thuis registry extract (CSV, JSON Lines, or JZV Meldingen)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="import an extract; by default a file with a bad row stores nothing"
        )
        imp.add_argument("file", metavar="FILE")
        imp.add_argument("--registry", required=True, choices=Registry.values)
        imp.add_argument(
            "--format", choices=FORMATS, help="default: from the file's extension (.csv, .jsonl, .json)"
        )
        imp.add_argument("--skip-invalid", action="store_true", help="store the valid rows, report the rest")
        imp.add_argument("--by", default="operator", help="who imports (recorded)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"FILE: cannot read {path}")
        file_format = options["format"] or {".csv": "csv", ".jsonl": "jsonl", ".json": "jzv"}.get(
            path.suffix, ""
        )
        if not file_format:
            raise CommandError("--format: give the format (csv, jsonl or jzv)")
        interactive = sys.stderr.isatty()

        def progress(rows: int) -> None:
            if interactive:
                self.stderr.write(f"\r  {rows:,} rows …", ending="")
                self.stderr.flush()
            elif rows % 100_000 == 0:
                self.stderr.write(f"  {rows:,} rows …")

        try:
            report = import_file(
                options["registry"],
                path,
                file_format,
                imported_by=options["by"],
                skip_invalid=options["skip_invalid"],
                progress=progress,
            )
        except (ImportError_, UnicodeDecodeError) as exc:
            raise CommandError(f"FILE: {exc}") from None
        if interactive:
            self.stderr.write("")
        if report.rows_stored:
            record(
                AuditContext.for_command("registry import"),
                "registry-import",
                detail={
                    "registry": report.registry,
                    "file": path.name,
                    "stored": report.rows_stored,
                    "rejected": report.rejected_lines,
                },
            )
        for problem in report.problems:
            self.stderr.write(f"{path.name}: {problem}")
        if report.problems and not options["skip_invalid"]:
            raise CommandError(
                f"import refused: {report.rejected_lines} of {report.rows_read} rows are bad; nothing was stored "
                "(--skip-invalid stores the valid rows)"
            )
        self.stderr.write(
            f"{path.name}: {report.rows_stored} of {report.rows_read} rows stored in the {report.registry} registry"
            + (f"; {report.rejected_lines} rejected (listed above)" if report.problems else "")
        )
