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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
MINIMUM_CASES = 1000
TARGET_CASES = 1200  # spread evenly over the operations of the document

schema = schemathesis.openapi.from_path(OPENAPI)
schema.app = get_wsgi_application()

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


def _fuzz(operation, headers: dict[str, str], examples: int) -> int:
    """Generated requests for one operation; the number that ran."""
    calls: list[int] = []

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), real=st.sampled_from([None, "seed-1", "seed-2", "seed-3"]))
    def call(case, real):
        calls.append(1)
        if real and case.path_parameters and "reference" in case.path_parameters:
            case.path_parameters["reference"] = real  # fuzz the handlers of stored cases too
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    call()
    return len(calls)


def test_generated_requests_never_cause_a_server_error(basic_auth):
    """Every operation of the document, with generated parameters and bodies; counted here, in
    one test, so the figure does not depend on how the suite is spread over workers."""
    operations = [result.ok() for result in schema.get_all_operations()]
    examples = -(-TARGET_CASES // len(operations))
    per_operation = {operation.label: _fuzz(operation, basic_auth, examples) for operation in operations}
    total = sum(per_operation.values())
    print(f"schemathesis: {total} generated cases over {len(per_operation)} operations, 0 server errors")
    assert total >= MINIMUM_CASES, per_operation
