from __future__ import annotations

import pytest

from huisverbod.accounts.models import Role
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.log import AuditContext
from huisverbod.demo.monitoring import load_care_services
from huisverbod.demo.services import care_services
from huisverbod.monitoring.models import CareService
from huisverbod.orders import services


@pytest.fixture
def provision(organisations):
    """The demo's care services with their capacity, by name."""
    return {s.name: s for s in load_care_services(care_services())}


@pytest.fixture
def order(seed_cases, users, provision):
    """Seed case 2 with a joint assessment, and the father ordered out now by the hulpofficier."""
    case = seed_cases["seed-2"]
    assessment = save_snapshot(case, users[Role.VEILIG_THUIS_PROFESSIONAL])
    order = services.create_order(
        case,
        users[Role.ASSISTANT_PUBLIC_PROSECUTOR],
        assessment=assessment,
        perpetrator=case.involvements.get(local_id="p1"),
        protected=services.protectable(case),
    )
    services.impose(order, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False)
    order.refresh_from_db()
    return order


@pytest.fixture
def programme(provision) -> CareService:
    """De Brug's perpetrator programme: three weeks' wait, no free place."""
    return provision["Daderprogramma Huiselijk Geweld"]


@pytest.fixture
def context():
    return AuditContext.for_command("test")


@pytest.fixture
def referral(order, users, programme, context):
    from huisverbod.monitoring.referrals import refer

    return refer(
        order.case,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
        involvement=order.case.involvements.get(local_id="p1"),
        service=programme,
        help_needed="Daderhulp",
        consent_basis="consent",
        consent_text="Vader stemt in (synthetisch).",
        context=context,
    )
