from __future__ import annotations

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
