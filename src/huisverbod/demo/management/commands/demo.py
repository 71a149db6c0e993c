"""``huisverbod demo``: migrate, then load the demo's organisations, seed cases and accounts."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from huisverbod.cases.models import Case
from huisverbod.demo.services import DEMO_PASSWORD, set_up_demo


class Command(BaseCommand):
    help = "Set up the demo: migrate the database, load the seed cases and create demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--address", default="127.0.0.1:8000", help="the address printed for the app")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        result = set_up_demo()
        out = self.stderr
        out.write("")
        out.write(f"huisverbod demo: {Case.objects.count()} cases, {len(result['users'])} demo accounts")
        out.write(f"  Open http://{options['address']}/ and sign in with one of these accounts")
        out.write(f"  (password for every account: {DEMO_PASSWORD}):")
        for user in result["users"]:
            organisation = user.organisation.name if user.organisation else "-"
            out.write(f"    {user.username:<12} {user.role_label!s:<36} {organisation}")
        out.write("")
