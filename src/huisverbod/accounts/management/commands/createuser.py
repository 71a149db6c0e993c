"""``huisverbod createuser USERNAME --role ROLE --organisation CODE``."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from huisverbod.accounts.models import Organisation, Role, User


class Command(BaseCommand):
    help = "Create a user who works for an organisation in a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--organisation", metavar="CODE", help="organisation code")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin (no prompt)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"username: '{username}' is already taken")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"--organisation: unknown organisation '{options['organisation']}'")
        elif options["role"] != Role.ADMINISTRATOR:
            raise CommandError("--organisation: required for every role but administrator")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("password: the two entries differ")
        user = User(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            organisation=organisation,
            role=options["role"],
            is_staff=options["role"] == Role.ADMINISTRATOR,
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from None
        user.set_password(password)
        user.save()
        self.stderr.write(f"created user '{username}' ({user.role_label}, {organisation or '-'})")
