"""Benchmark and crash test of the deadline worker: N reminders due at once.

    .venv/bin/python -m bench.reminders --count 10000 --database-url postgres://127.0.0.1/DB --json

It migrates the database it is given (use one of your own), creates N due reminders on synthetic
orders, runs `huisverbod worker --once` as a separate process and times it, then checks that
every reminder was delivered exactly once: each became one notification per organisation on its
case, and none twice. `--prepare-only` and `--verify` are the steps the crash test uses.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ORGANISATIONS_PER_CASE = 4  # police, Veilig Thuis, the municipality, one shared


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huisverbod.conf.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def prepare(count: int, per_order: int = 5) -> dict[str, int]:
    """``count`` pending reminders, all due, on synthetic orders of one synthetic case."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from huisverbod.access.models import CaseAccess, Reason
    from huisverbod.accounts.models import Organisation, Role, User
    from huisverbod.cases.casefiles import import_casefiles, parse_named
    from huisverbod.cases.models import Case
    from huisverbod.demo.services import load_organisations
    from huisverbod.orders.models import Deadline, Order, Reminder

    call_command("migrate", verbosity=0, interactive=False)
    load_organisations()
    seed = ROOT / "src" / "huisverbod" / "demo" / "seed_cases" / "seed-2-gezin-met-kinderen.json"
    with transaction.atomic():
        case = Case.objects.filter(reference="bench-reminders").first()
        if case is None:
            text = seed.read_text(encoding="utf-8").replace('"id": "seed-2"', '"id": "bench-reminders"', 1)
            (case,) = import_casefiles([parse_named("bench", text)])
        for code, reason in (
            ("politie-oost-brabant", Reason.STARTED),
            ("vt-zuidoost-brabant", Reason.JOINT_ASSESSMENT),
            ("gemeente-eindhoven", Reason.COMPETENT_AUTHORITY),
            ("politie-midden-nederland", Reason.SHARED),
        ):
            CaseAccess.objects.get_or_create(
                case=case, organisation=Organisation.objects.get(code=code), reason=reason
            )
        user, _ = User.objects.get_or_create(username="bench", defaults={"role": Role.ADMINISTRATOR})
        municipality = Organisation.objects.get(code="gemeente-eindhoven")
        perpetrator = case.involvements.get(role="perpetrator")
        start = Order.objects.filter(municipality=municipality).count()
        orders_needed = -(-count // per_order)
        now = timezone.now()
        orders = Order.objects.bulk_create(
            Order(
                case=case,
                number=f"BENCH-{start + i:07d}",
                municipality=municipality,
                state="imposed",
                perpetrator=perpetrator,
                parameter_set="wth-2009",
                imposed_at=now - timedelta(days=8),
                imposition_form="written",
                ends_at=now + timedelta(days=2),
                created_by=user,
            )
            for i in range(orders_needed)
        )
        if not orders[0].pk:  # databases that do not return keys from bulk inserts
            orders = list(Order.objects.filter(number__startswith="BENCH-").order_by("-pk")[:orders_needed])
        deadlines = Deadline.objects.bulk_create(
            Deadline(
                order=order,
                kind=f"bench_{k}",
                due_at=now - timedelta(minutes=5),
                legal_basis="art. 9 lid 1 Wth",
                description_key="bench",
            )
            for order in orders
            for k in range(per_order)
        )
        if not deadlines[0].pk:
            deadlines = list(Deadline.objects.filter(order__in=orders))
        reminders = Reminder.objects.bulk_create(
            Reminder(deadline=d, key=f"bench:{d.order_id}:{d.kind}", fire_at=d.due_at)
            for d in deadlines[:count]
        )
    return {"reminders": len(reminders), "orders": len(orders)}


def verify() -> dict[str, Any]:
    from django.db.models import Count

    from huisverbod.notifications.models import Notification
    from huisverbod.orders.models import Reminder

    bench = Reminder.objects.filter(key__startswith="bench:")
    pending = bench.filter(status="pending").count()
    sent = bench.filter(status="sent").count()
    notifications = Notification.objects.filter(key__startswith="bench:")
    per_key = notifications.values("key").annotate(n=Count("pk"))
    counts = {row["n"] for row in per_key}
    duplicates = notifications.values("key", "organisation").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "reminders_sent": sent,
        "reminders_pending": pending,
        "notifications": notifications.count(),
        "keys_notified": len(per_key),
        "notifications_per_reminder": sorted(counts),
        "duplicates": duplicates,
        "exactly_once": pending == 0
        and duplicates == 0
        and counts == {ORGANISATIONS_PER_CASE}
        and len(per_key) == sent,
    }


def run_worker(database_url: str, batch_size: int) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "huisverbod", "worker", "--once", "--batch-size", str(batch_size)],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--database-url", required=True, help="a database of your own: it is migrated and filled"
    )
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--verify", action="store_true", help="only check exactly-once delivery")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    _setup(args.database_url)
    if args.verify:
        result: dict[str, Any] = verify()
    elif args.prepare_only:
        result = prepare(args.count)
    else:
        prepared = prepare(args.count)
        seconds = run_worker(args.database_url, args.batch_size)
        result = {
            "count": prepared["reminders"],
            "seconds": round(seconds, 2),
            **verify(),
            "database": args.database_url.split(":", 1)[0],
            "batch_size": args.batch_size,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        }
    print(json.dumps(result) if args.json else result)
    if args.verify or args.prepare_only:
        return 0  # a report; the caller judges it
    return 0 if result["exactly_once"] else 1


if __name__ == "__main__":
    sys.exit(main())
