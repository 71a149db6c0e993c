"""Shared test helpers (no fixtures here; see conftest.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_EXAMPLES = REPO.parent / "shared" / "casefile" / "examples"
SHIPPED_EXAMPLES = REPO / "src" / "huisverbod" / "demo" / "seed_cases"


def example_dir() -> Path:
    """The shared examples when present (the contract), else the copies shipped in the project."""
    return SHARED_EXAMPLES if any(SHARED_EXAMPLES.glob("*.json")) else SHIPPED_EXAMPLES


def example_paths() -> list[Path]:
    return sorted(example_dir().glob("*.json"))


def example(name: str) -> dict[str, Any]:
    """A seed case by its prefix, e.g. ``example("seed-1")``."""
    (path,) = [p for p in example_paths() if p.name.startswith(name + "-")]
    return json.loads(path.read_text(encoding="utf-8"))


def mutate(document: dict[str, Any], path: str, value: Any = ..., *, delete: bool = False) -> dict[str, Any]:
    """A copy of ``document`` with the field at ``path`` (``facts.0.about.0``) set or deleted."""
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    node: Any = result
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = value
    return result


def totp_code(device: Any, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now for this django-otp TOTP device."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_totp_code(device: Any) -> str:
    """A code the device refuses: none of those its tolerance accepts around now."""
    accepted = {totp_code(device, k) for k in range(-device.tolerance - 1, device.tolerance + 2)}
    return next(code for code in (f"{n:06d}" for n in range(1_000_000)) if code not in accepted)


def force_login_verified(client: Any, user: Any) -> None:
    """``client.force_login`` plus a verified second factor, for users whose role requires one."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
