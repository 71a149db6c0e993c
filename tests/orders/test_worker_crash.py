"""The worker never loses or duplicates a reminder, even when it is killed (kill -9) mid-batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("worker")]
ROOT = Path(__file__).resolve().parents[2]
COUNT = 1500


def _bench(env: dict[str, str], *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.reminders", "--database-url", env["DATABASE_URL"], "--json", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sent(url: str) -> int:
    query = "SELECT count(*) FROM orders_reminder WHERE status = 'sent'"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
            return conn.execute(query).fetchone()[0]
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


def test_kill_9_mid_batch_then_restart_delivers_every_reminder_exactly_once(scratch_database):
    assert _bench(scratch_database, "--prepare-only", "--count", str(COUNT))["reminders"] == COUNT
    env = {**os.environ, **scratch_database, "HUISVERBOD_WORKER_PAUSE": "0.004", "LOG_LEVEL": "WARNING"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "huisverbod", "worker", "--once", "--batch-size", "100"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while (
        _sent(scratch_database["DATABASE_URL"]) < 200
        and worker.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    time.sleep(0.15)  # well inside the next batch (100 reminders take about 0.4 s)
    assert worker.poll() is None, "the worker finished before it could be killed"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    interrupted = _bench(scratch_database, "--verify")
    assert 0 < interrupted["reminders_sent"] < COUNT and interrupted["reminders_sent"] % 100 == 0
    assert interrupted["duplicates"] == 0

    restarted = subprocess.run(
        [sys.executable, "-m", "huisverbod", "worker", "--once"],
        cwd=ROOT,
        env={**os.environ, **scratch_database, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert restarted.returncode == 0, restarted.stderr[-2000:]
    final = _bench(scratch_database, "--verify")
    assert final["exactly_once"], final
    assert final["reminders_sent"] == final["keys_notified"] == COUNT
    assert final["notifications"] == COUNT * 4
