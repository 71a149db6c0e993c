"""``huisverbod retention propose|show|review|execute``: destruction through a reviewed list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from huisverbod.audit.log import AuditContext
from huisverbod.retention.models import DestructionList
from huisverbod.retention.services import RetentionError, execute, propose, review


class Command(BaseCommand):
    help = "Retention: propose a destruction list, review it (another person), then execute it."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("propose", help="list the cases whose retention period has ended")
        p.add_argument("--by", required=True, help="who draws up the list")
        p.add_argument("--today", type=date.fromisoformat, help="the date to judge by (default: today)")
        s = sub.add_parser("show", help="show a destruction list")
        s.add_argument("list_id", type=int)
        r = sub.add_parser("review", help="approve or reject a list (not by the person who drew it up)")
        r.add_argument("list_id", type=int)
        r.add_argument("--by", required=True, help="the reviewer")
        decision = r.add_mutually_exclusive_group(required=True)
        decision.add_argument("--approve", action="store_true")
        decision.add_argument("--reject", action="store_true")
        r.add_argument("--note", default="")
        e = sub.add_parser("execute", help="destroy the cases of an approved list")
        e.add_argument("list_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except RetentionError as exc:
            raise CommandError(str(exc)) from None

    def _list(self, list_id: int) -> DestructionList:
        found = DestructionList.objects.filter(pk=list_id).first()
        if found is None:
            raise CommandError(f"list_id: no destruction list #{list_id}")
        return found

    def _propose(self, options: dict[str, Any]) -> None:
        created = propose(options["today"] or timezone.localdate(), options["by"])
        if created is None:
            self.stderr.write("no case is due for destruction")
            return
        self.stderr.write(
            f"destruction list #{created.pk} drawn up with {created.items.count()} case(s); "
            "it needs review by another person"
        )
        self._show({"list_id": created.pk})

    def _show(self, options: dict[str, Any]) -> None:
        destruction_list = self._list(options["list_id"])
        self.stdout.write(f"destruction list #{destruction_list.pk}: {destruction_list.get_status_display()}")
        for item in destruction_list.items.all():
            state = f"destroyed {item.destroyed_at:%d-%m-%Y}" if item.destroyed_at else "kept until executed"
            self.stdout.write(
                f"  {item.case_reference}: due {item.due_date:%d-%m-%Y} ({item.retention_basis}); {state}"
            )

    def _review(self, options: dict[str, Any]) -> None:
        destruction_list = self._list(options["list_id"])
        review(destruction_list, options["by"], approve=options["approve"], note=options["note"])
        self.stderr.write(f"list #{destruction_list.pk} {destruction_list.get_status_display().lower()}")

    def _execute(self, options: dict[str, Any]) -> None:
        destruction_list = self._list(options["list_id"])
        count = execute(destruction_list, AuditContext.for_command("retention execute"))
        self.stderr.write(
            f"list #{destruction_list.pk}: {count} case(s) destroyed; the destruction is logged"
        )
