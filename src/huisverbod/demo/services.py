"""Set up the demo: organisations, the seed cases and one account per role. Idempotent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from huisverbod.access.models import Reason, Scope
from huisverbod.access.services import grant
from huisverbod.accounts.models import Organisation, User
from huisverbod.cases.casefiles import NamedCaseFile, import_casefiles, parse_named
from huisverbod.cases.models import Case

log = structlog.get_logger(__name__)

DATA_DIR = Path(__file__).parent
# Synthetic demo accounts only.
DEMO_PASSWORD = "huisverbod-demo"  # noqa: S105  # nosec B105
# DEMO ONLY: a fixed, published TOTP secret (the hex of "huisverbod-demo-totp"), so the demo's
# accounts that need a second factor can sign in; `huisverbod demo_otp` prints their code. A real
# account's secret is random and seen only by its owner.
DEMO_OTP_KEY = b"huisverbod-demo-totp".hex()
DEMO_OTP_DEVICE_NAME = "demo authenticator (demo only)"


def _json(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_organisations() -> list[Organisation]:
    rows = _json("organisations.json")
    result = []
    for row in rows:  # regions first: the file lists units and regions before municipalities
        links = {
            key: Organisation.objects.get(code=row[key]) if row.get(key) else None
            for key in ("police_unit", "veilig_thuis_region")
        }
        organisation, _ = Organisation.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "places": "\n".join(row.get("places", [])),
                "court": row.get("court", ""),
                "mandate_reference": row.get("mandate_reference", ""),
                **links,
            },
        )
        result.append(organisation)
    return result


def seed_case_files() -> list[Path]:
    """The seed cases: from the first configured directory that has them."""
    for directory in settings.SEED_CASE_DIRS:
        files = sorted(Path(directory).glob("*.json"))
        if files:
            return files
    return []


def load_seed_cases() -> list[Case]:
    files = [parse_named(str(path), path.read_bytes()) for path in seed_case_files()]
    present = set(Case.objects.values_list("reference", flat=True))
    new: list[NamedCaseFile] = [f for f in files if f.casefile.id not in present]
    return import_casefiles(new) if new else []


@transaction.atomic
def create_demo_accounts() -> list[User]:
    users = []
    for row in _json("accounts.json"):
        user = User.objects.filter(username=row["username"]).first()
        if user is None:
            user = User(username=row["username"])
            user.set_password(DEMO_PASSWORD)
        user.first_name = row["first_name"]
        user.last_name = row["last_name"]
        user.role = row["role"]
        user.organisation = (
            Organisation.objects.get(code=row["organisation"]) if row["organisation"] else None
        )
        user.is_staff = row["role"] == "administrator"
        user.save()
        if row.get("demo_otp"):
            _give_demo_otp_device(user)
        users.append(user)
    return users


@transaction.atomic
def grant_demo_access() -> int:
    """Record which demo organisations are involved in each seed case (``case_access.json``)."""
    count = 0
    for reference, rows in _json("case_access.json").items():
        case = Case.objects.filter(reference=reference).first()
        if reference.startswith("_") or case is None:
            continue
        count += grant_rows(case, rows)
    return count


def grant_rows(case: Case, rows: list[dict[str, Any]]) -> int:
    """Grant the case to each row's organisation, for the row's reason (and scope, note)."""
    for row in rows:
        grant(
            case,
            Organisation.objects.get(code=row["organisation"]),
            Reason(row["reason"]),
            scope=Scope(row.get("scope", Scope.FULL)),
            note=row.get("note", ""),
        )
    return len(rows)


def care_services() -> list[dict[str, Any]]:
    return list(_json("care_services.json")["services"])


def demo_usernames() -> set[str]:
    return {row["username"] for row in _json("accounts.json")}


def _give_demo_otp_device(user: User) -> None:
    TOTPDevice.objects.update_or_create(
        user=user, name=DEMO_OTP_DEVICE_NAME, defaults={"key": DEMO_OTP_KEY, "confirmed": True}
    )


def demo_otp_device(user: User) -> TOTPDevice | None:
    """The account's demo device, only while it still holds the published demo secret."""
    return TOTPDevice.objects.filter(user=user, name=DEMO_OTP_DEVICE_NAME, key=DEMO_OTP_KEY).first()


REGISTRY_SEED = 20261128
REGISTRY_SIZE = 2_000  # synthetic police records; Veilig Thuis gets half


def load_registries(synthetic_records: int = REGISTRY_SIZE) -> dict[str, int]:
    """Synthetic police and Veilig Thuis registries, plus the earlier reports of the seed cases
    (seed case 1's reports of 2019 and 2020 among them), so a lookup in the demo finds them."""
    import tempfile

    from huisverbod.core.synth.generate import SynthConfig, registry_chunks
    from huisverbod.core.synth.writers import write_jsonl
    from huisverbod.registries.backend import TABLES
    from huisverbod.registries.importers import import_file
    from huisverbod.registries.models import Registry

    stored = {}
    config = SynthConfig(seed=REGISTRY_SEED, police_records=synthetic_records)
    for registry in Registry:
        if TABLES[registry][0].objects.exists():
            continue
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{registry.value}.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for chunk in registry_chunks(config, registry.value, 1000):
                    write_jsonl(chunk, handle)
            synthetic = import_file(registry.value, path, "jsonl", imported_by="demo", skip_invalid=True)
        seeded = import_file(
            registry.value,
            DATA_DIR / "registries" / f"{registry.value}-seed.jsonl",
            "jsonl",
            imported_by="demo",
        )
        stored[registry.value] = synthetic.rows_stored + seeded.rows_stored
    return stored


def set_up_demo() -> dict[str, Any]:
    from huisverbod.demo.extra_cases import load_demo_cases, save_demo_assessments
    from huisverbod.demo.history import load_demo_history
    from huisverbod.demo.monitoring import set_up_monitoring

    organisations = load_organisations()
    cases = load_seed_cases()
    users = create_demo_accounts()
    grant_demo_access()
    cases += load_demo_cases()
    save_demo_assessments()  # the scenario lab re-runs these snapshots
    load_registries()
    set_up_monitoring(care_services())
    load_demo_history()
    log.info("demo ready", organisations=len(organisations), new_cases=len(cases), accounts=len(users))
    return {"organisations": organisations, "new_cases": cases, "users": users}
