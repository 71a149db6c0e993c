"""Production refuses to start with a default SECRET_KEY or with DEBUG on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

GOOD_KEY = "k" * 50
AUDIT_KEYS = {"AUDIT_CHAIN_KEY": "c" * 40, "AUDIT_PSEUDONYM_KEY": "p" * 40}


def start_production(**env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", *AUDIT_KEYS)}
    full.update(env, DJANGO_SETTINGS_MODULE="huisverbod.conf.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "insecure-development-key-never-use-in-production"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": GOOD_KEY, "DEBUG": "true", **AUDIT_KEYS}, "DEBUG must be off"),
        ({"SECRET_KEY": GOOD_KEY}, "AUDIT_CHAIN_KEY must be set"),
        ({"SECRET_KEY": GOOD_KEY, "AUDIT_CHAIN_KEY": "c" * 40}, "AUDIT_PSEUDONYM_KEY must be set"),
    ],
)
def test_production_refuses_unsafe_settings(env, message):
    result = start_production(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_key():
    result = start_production(SECRET_KEY=GOOD_KEY, **AUDIT_KEYS)
    assert result.returncode == 0, result.stderr
