from __future__ import annotations

import os

import pytest

from huisverbod.accounts.models import Organisation, Role, User
from tests.helpers import example_paths


@pytest.fixture
def organisations(db) -> dict[str, Organisation]:
    from huisverbod.demo.services import load_organisations

    return {o.code: o for o in load_organisations()}


@pytest.fixture
def users(organisations) -> dict[str, User]:
    """One user per role, as in the demo (username = role)."""
    from huisverbod.demo.services import create_demo_accounts

    accounts = create_demo_accounts()
    return {user.role: user for user in accounts}


@pytest.fixture
def police_officer(users) -> User:
    return users[Role.POLICE_OFFICER]


@pytest.fixture
def seed_cases(organisations):
    """The seed cases, with the demo's record of which organisations are involved in each."""
    from huisverbod.cases.casefiles import import_casefiles, parse_named
    from huisverbod.demo.services import grant_demo_access

    files = [parse_named(str(path), path.read_bytes()) for path in example_paths()]
    cases = {case.reference: case for case in import_casefiles(files)}
    grant_demo_access()
    return cases


@pytest.fixture
def referred_to_care(seed_cases):
    """Seed case 2 referred to Zorgcentrum De Brug, as the demo's referral grants it: the care scope,
    until the order's end (here ten days from now). The referral itself is the monitoring part's."""
    from datetime import timedelta

    from django.utils import timezone

    from huisverbod.access.models import Reason, Scope
    from huisverbod.access.services import grant

    grant(
        seed_cases["seed-2"],
        Organisation.objects.get(code="zorg-de-brug"),
        Reason.REFERRAL,
        scope=Scope.CARE,
        expires_at=timezone.now() + timedelta(days=10),
    )
    return seed_cases


@pytest.fixture
def scratch_database(tmp_path):
    """A database of the test's own for other processes (the command, the worker): a SQLite file,
    or, when the suite runs on PostgreSQL, a PostgreSQL database the fixture creates and drops."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield {"DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}"}
        return
    import psycopg

    base = url.rsplit("/", 1)[0]
    name = f"huisverbod_scratch_{os.getpid()}_{tmp_path.name[-12:]}".lower().replace("-", "_")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": f"{base}/{name}"}
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
