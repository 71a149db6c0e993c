"""``huisverbod audit verify`` and ``huisverbod audit subject``."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subject import subject_report
from huisverbod.audit.verify import verify_chain
from huisverbod.cases.models import Person


class Command(BaseCommand):
    help = "Check the processing log, or report who processed a person's data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="check the hash chain; exit non-zero naming the first bad entry")
        subject = sub.add_parser("subject", help="the report for a subject access request (art. 15 AVG)")
        subject.add_argument(
            "person", nargs="?", type=int, metavar="PERSON", help="the person's id in the store"
        )
        subject.add_argument("--bsn", help="every person record with this BSN")
        subject.add_argument("--name", help="given names and surname, with --birth-date")
        subject.add_argument("--birth-date", type=date.fromisoformat, help="YYYY-MM-DD, with --name")
        subject.add_argument("--format", choices=["text", "csv"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify()
        else:
            self._subject(options)

    def _verify(self) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"processing log NOT intact: {result.problem} (first bad entry: #{result.first_bad_seq})"
            )
        self.stderr.write(f"processing log intact: {result.entries} entries, every hash and link checks out")

    def _persons(self, options: dict[str, Any]) -> list[Person]:
        persons = Person.objects.all()
        if options["person"] is not None:
            persons = persons.filter(pk=options["person"])
        elif options["bsn"]:
            persons = persons.filter(bsn=options["bsn"])
        elif options["name"] and options["birth_date"]:
            persons = [
                p
                for p in persons.filter(birth_date=options["birth_date"])
                if f"{p.given_names} {p.surname}".casefold() == options["name"].strip().casefold()
            ]  # type: ignore[assignment]
        else:
            raise CommandError("PERSON: give a person id, --bsn, or --name with --birth-date")
        found = list(persons)
        if not found:
            raise CommandError("PERSON: no such person in the store")
        return found

    def _subject(self, options: dict[str, Any]) -> None:
        persons = self._persons(options)
        ids = [p.pk for p in persons]
        rows = subject_report(ids)
        record(AuditContext.for_command("audit subject"), "subject-access", subjects={"": ids})
        if options["format"] == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(
                ["when", "organisation", "role", "activity", "purpose", "legal_basis", "channel", "case"]
            )
            for row in rows:
                writer.writerow(
                    [
                        row.when.isoformat(),
                        row.organisation,
                        row.role,
                        row.activity,
                        row.purpose,
                        row.legal_basis,
                        row.channel,
                        row.case,
                    ]
                )
            return
        person = persons[0]
        self.stdout.write(
            f"Verwerkingen van persoonsgegevens van {person.given_names} {person.surname} "
            f"(geboren {person.birth_date:%d-%m-%Y}); {len(persons)} persoonsregistratie(s)"
        )
        self.stdout.write(f"{len(rows)} verwerking(en)\n")
        for row in rows:
            self.stdout.write(f"{row.when:%d-%m-%Y %H:%M}  {row.organisation} ({row.role})")
            self.stdout.write(f"    {row.activity} — {row.purpose}")
            self.stdout.write(
                f"    grondslag: {row.legal_basis}; zaak: {row.case or '—'}; via: {row.channel}"
            )
