from __future__ import annotations

import pytest


@pytest.fixture
def lab_cases(users, seed_cases):
    """The seed cases and the demo's synthetic cases, each with the demo's joint assessment
    snapshot, as ``huisverbod demo`` sets them up."""
    from huisverbod.cases.models import Case
    from huisverbod.demo.extra_cases import load_demo_cases, save_demo_assessments

    load_demo_cases()
    save_demo_assessments()
    return {case.reference: case for case in Case.objects.all()}
