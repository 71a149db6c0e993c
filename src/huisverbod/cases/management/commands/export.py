"""``huisverbod export CASE_ID`` or ``huisverbod export --all``: case files on stdout."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_cases
from huisverbod.cases.casefiles import export_case, export_cases
from huisverbod.cases.models import Case
from huisverbod.core.casefile import dumps


class Command(BaseCommand):
    help = "Export a case as a case file (huisverbod-casus/1), or all cases as a JSON array."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case_id", nargs="?", metavar="CASE_ID")
        parser.add_argument("--all", action="store_true", help="all cases, as one JSON array")
        parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"] == bool(options["case_id"]):
            raise CommandError("give either CASE_ID or --all")
        if options["all"]:
            cases = list(Case.objects.order_by("reference"))
            data: Any = export_cases(cases)
        else:
            case = Case.objects.filter(reference=options["case_id"]).first()
            if case is None:
                raise CommandError(f"CASE_ID: no case '{options['case_id']}'")
            cases = [case]
            data = export_case(case)
        if cases:
            record(AuditContext.for_command("export"), "casefile-export", subjects=of_cases(cases))
        text = dumps(data)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
