"""``huisverbod demo``: migrate, then load the demo's organisations, seed cases and accounts."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from huisverbod.cases.models import Case
from huisverbod.demo.services import DEMO_OTP_KEY, DEMO_PASSWORD, demo_otp_device, set_up_demo
from huisverbod.signin.qr import grouped_base32


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
        with_code = [user.username for user in result["users"] if demo_otp_device(user) is not None]
        if with_code:
            out.write("")
            secret = grouped_base32(bytes.fromhex(DEMO_OTP_KEY))
            out.write(f"  {' and '.join(with_code)} also need a code from an authenticator app (demo only):")
            out.write(f"    .venv/bin/huisverbod demo_otp {with_code[-1]}     prints the current code")
            out.write(f"    or add this demo secret to an authenticator app: {secret}")
        out.write("")
