"""``huisverbod demo_otp USERNAME``: DEMO ONLY. Prints the current sign-in code of a demo account.

Refuses unless DEBUG is on, the account is one of the demo's, and its device still holds the
published demo secret: it must never become a way to read a real person's code."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from huisverbod.accounts.models import User
from huisverbod.demo.services import demo_otp_device, demo_usernames


class Command(BaseCommand):
    help = "DEMO ONLY: print the current sign-in code of a demo account (needs DEBUG on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="a demo account, e.g. gemeente or hovj")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if not settings.DEBUG:
            raise CommandError("demo_otp: refused, DEBUG is off (this helper is for the demo only)")
        if username not in demo_usernames():
            raise CommandError(f"demo_otp: refused, '{username}' is not a demo account")
        user = User.objects.filter(username=username).first()
        device = demo_otp_device(user) if user is not None else None
        if device is None:
            raise CommandError(
                f"demo_otp: '{username}' has no demo authenticator; run `huisverbod demo` first "
                "(only hovj and gemeente need a code)"
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        # The server also accepts a code one step late (the device's tolerance).
        seconds_left = device.step - int(totp.time - device.t0) % device.step + device.step * device.tolerance
        self.stderr.write(f"accepted for about {seconds_left} more seconds")
