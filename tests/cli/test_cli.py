"""The ``huisverbod`` command: exit codes, messages on stderr, data on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import example, example_paths, mutate

pytestmark = pytest.mark.xdist_group("cli")


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "huisverbod", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_validate_accepts_the_examples():
    result = run("validate", *map(str, example_paths()))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.count(": valid (huisverbod-casus/1") == 3


def _write(tmp_path: Path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


SEED1 = example("seed-1")

BAD_FILES = [
    ("not-json", "{this is not json", "$: not valid JSON"),
    ("wrong-format", mutate(SEED1, "format", "huisverbod-casus/0"), "format: unsupported format"),
    ("unknown-person", mutate(SEED1, "facts.0.about.0", "p99"), "facts[0].about[0]: unknown person 'p99'"),
    (
        "unknown-fact-type",
        mutate(SEED1, "facts.4.type", "rudeness"),
        "facts[4].type: unknown fact type 'rudeness'",
    ),
    ("impossible-birth-date", mutate(SEED1, "persons.1.birth_date", "1976-02-30"), "persons[1].birth_date:"),
    ("missing-persons", mutate(SEED1, "persons", delete=True), "persons: required field missing"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_validate_refuses_naming_the_field(tmp_path, name, content, expected):
    path = _write(tmp_path, f"{name}.json", content)
    result = run("validate", path)
    assert result.returncode != 0
    assert expected in result.stderr
    assert result.stdout == ""


def test_validate_reports_a_missing_file():
    result = run("validate", "/nonexistent/case.json")
    assert result.returncode != 0
    assert "/nonexistent/case.json: cannot read" in result.stderr


@pytest.fixture
def cli_db(scratch_database) -> dict[str, str]:
    """A store of the test's own, migrated."""
    assert run("migrate", "-v", "0", env=scratch_database).returncode == 0
    return scratch_database


def test_import_export_round_trip_and_refused_import_changes_nothing(cli_db, tmp_path):
    imported = run("import", *map(str, example_paths()), env=cli_db)
    assert imported.returncode == 0, imported.stderr
    for path in example_paths():
        case_id = json.loads(path.read_text(encoding="utf-8"))["id"]
        exported = run("export", case_id, env=cli_db)
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout) == json.loads(path.read_text(encoding="utf-8"))

    before = run("export", "--all", env=cli_db)
    assert before.returncode == 0 and len(json.loads(before.stdout)) == 3
    good_new = _write(tmp_path, "new.json", mutate(SEED1, "id", "brand-new"))
    bad = _write(tmp_path, "bad.json", mutate(mutate(SEED1, "id", "bad"), "facts.0.about.0", "p99"))
    refused = run("import", good_new, bad, env=cli_db)
    assert refused.returncode != 0
    assert "facts[0].about[0]: unknown person 'p99'" in refused.stderr
    assert "nothing was stored" in refused.stderr
    after = run("export", "--all", env=cli_db)
    assert after.stdout == before.stdout

    again = run("import", str(example_paths()[0]), env=cli_db)
    assert again.returncode != 0 and "is already stored" in again.stderr


def test_export_unknown_case_fails(cli_db):
    result = run("export", "no-such-case", env=cli_db)
    assert result.returncode != 0
    assert "no case 'no-such-case'" in result.stderr


def test_createuser_needs_a_known_organisation(cli_db):
    result = run(
        "createuser",
        "x",
        "--role",
        "police_officer",
        "--organisation",
        "nope",
        "--password-stdin",
        env=cli_db,
        stdin="a-long-enough-passphrase\n",
    )
    assert result.returncode != 0
    assert "--organisation: unknown organisation 'nope'" in result.stderr
    admin = run(
        "createuser",
        "support",
        "--role",
        "administrator",
        "--password-stdin",
        env=cli_db,
        stdin="a-long-enough-passphrase\n",
    )
    assert admin.returncode == 0, admin.stderr


def test_figures_refresh_and_show(cli_db):
    imported = run("import", *map(str, example_paths()), env=cli_db)
    assert imported.returncode == 0, imported.stderr
    refreshed = run("figures", "refresh", env=cli_db)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "figures refreshed: 0 cases" in refreshed.stderr  # imported case files carry no decisions yet
    shown = run("figures", "show", "orders", "--period", "year", env=cli_db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("\ufeff") and ";" in shown.stdout.splitlines()[0]
    assert run("figures", "show", "nonsense", env=cli_db).returncode != 0
