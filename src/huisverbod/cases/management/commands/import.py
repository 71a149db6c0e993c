"""``huisverbod import FILE...``: store case files, all or nothing, in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huisverbod.accounts.models import Organisation
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_cases
from huisverbod.cases.casefiles import ImportRefused, NamedCaseFile, import_casefiles
from huisverbod.commands import load_casefile
from huisverbod.core.casefile import CaseFileError


class Command(BaseCommand):
    help = "Import case files (huisverbod-casus/1). If any file is refused, nothing is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--organisation",
            metavar="CODE",
            help="the organisation that starts these cases (its code); default: none",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"--organisation: unknown organisation '{options['organisation']}'")
        parsed: list[NamedCaseFile] = []
        problems: list[str] = []
        for path in options["files"]:
            try:
                parsed.append(NamedCaseFile(path, load_casefile(path).casefile))
            except OSError as exc:
                problems.append(f"{path}: cannot read: {exc.strerror or exc}")
            except CaseFileError as exc:
                problems.append(exc.describe())
        if not problems:
            try:
                cases = import_casefiles(parsed, organisation=organisation)
            except ImportRefused as exc:
                problems.extend(error.describe() for error in exc.errors)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"import refused: nothing was stored ({len(problems)} file(s) refused)")
        context = AuditContext.for_command("import")
        record(context, "casefile-import", subjects=of_cases(cases))
        for case in cases:
            self.stderr.write(f"imported case '{case.reference}'")
