"""The ``huisverbod`` command.

``validate`` and ``assess`` run on the core alone (no database, no Django). Every other
subcommand is a Django management command (``import``, ``export``, ``migrate``, ``createuser``,
``demo``, ``runserver`` ...). Exit code 0 means success; messages go to stderr, data to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from huisverbod.commands import assess_command, validate_command
from huisverbod.synth_command import synth_command

CORE_COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "validate": validate_command,
    "assess": assess_command,
    "synth": synth_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CORE_COMMANDS:
        try:
            return CORE_COMMANDS[args[0]](args[1:])
        except BrokenPipeError:  # e.g. `huisverbod assess FILE | head`: the reader left
            sys.stderr.close()
            return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisverbod.conf.settings.dev")
    from django.core.management import execute_from_command_line

    if not args:
        args = ["help"]
    execute_from_command_line(["huisverbod", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
