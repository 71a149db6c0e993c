"""schemathesis against the committed OpenAPI document: generated requests, zero server errors.

Runs in-process against the WSGI application on the test's own database, signed in as a police
officer whose organisation is involved in the seed cases.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
EXAMPLES_PER_OPERATION = 200
MINIMUM_CASES = 1000

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()
CALLS: list[int] = []

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("schemathesis")]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes database connections at the end of each request, as it should in
    production; inside a test transaction that would close the test's own connection. The test
    client keeps it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def basic_auth(seed_cases, users) -> dict[str, str]:
    user = users["police_officer"]
    user.set_password("fuzz-test-passphrase")
    user.save()
    token = base64.b64encode(f"{user.username}:fuzz-test-passphrase".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
    derandomize=True,
)
def test_generated_requests_never_cause_a_server_error(case, basic_auth):
    CALLS.append(1)
    case.call_and_validate(headers=basic_auth, checks=[not_a_server_error])


def test_at_least_a_thousand_generated_cases_ran():
    """Runs after the generated tests (same file, same worker)."""
    print(f"schemathesis: {len(CALLS)} generated cases")
    assert len(CALLS) >= MINIMUM_CASES, f"only {len(CALLS)} generated cases ran"
