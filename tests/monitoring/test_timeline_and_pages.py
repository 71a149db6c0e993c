"""The shared timeline within the access rules, its notifications, and the monitoring pages and API."""

from __future__ import annotations

import pytest
from django.test import Client

from huisverbod.accounts.models import Role
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.timeline import visible_entries, write_entry
from huisverbod.notifications.models import Notification
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    force_login_verified(client, user)
    return client


def test_care_sees_only_entries_for_everyone_involved(referral, users):
    case = referral.case
    police = write_entry(
        case, users[Role.POLICE_OFFICER], kind="note", visibility="professionals_only", text="Registratie X"
    )
    shared = write_entry(
        case,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
        kind="contact",
        visibility="all_involved",
        text="Huisbezoek",
    )
    care = users[Role.CARE_PROFESSIONAL]
    seen = set(visible_entries(care, case))
    assert shared in seen and police not in seen
    assert police in set(visible_entries(users[Role.MUNICIPAL_OFFICER], case))
    api = client_for(care).get(f"/api/v1/monitoring/{case.reference}/timeline/").json()
    assert "Registratie X" not in str(api) and "Huisbezoek" in str(api)
    page = client_for(care).get(f"/cases/{case.pk}/timeline/").content.decode()
    assert "Registratie X" not in page and "Huisbezoek" in page


def test_a_care_provider_writes_only_for_everyone_involved(referral, users):
    with pytest.raises(MonitoringError):
        write_entry(
            referral.case,
            users[Role.CARE_PROFESSIONAL],
            kind="note",
            visibility="professionals_only",
            text="x",
        )
    with pytest.raises(MonitoringError):
        write_entry(
            referral.case, users[Role.CARE_PROFESSIONAL], kind="decision", visibility="all_involved", text="x"
        )


def test_new_entries_notify_the_team_without_names(referral, users):
    entry = write_entry(
        referral.case,
        users[Role.CARE_PROFESSIONAL],
        kind="agreement",
        visibility="all_involved",
        text="Dennis belt wekelijks.",
        party=referral.involvement,
    )
    notified = Notification.objects.filter(key=f"timeline:{entry.pk}")
    codes = set(notified.values_list("organisation__code", flat=True))
    assert codes == {"politie-oost-brabant", "vt-zuidoost-brabant", "gemeente-eindhoven"}  # not the author
    for n in notified:
        assert "Dennis" not in n.subject + n.body and "Bakker" not in n.subject + n.body
    restricted = write_entry(
        referral.case, users[Role.POLICE_OFFICER], kind="note", visibility="professionals_only", text="x"
    )
    assert not Notification.objects.filter(
        key=f"timeline:{restricted.pk}", organisation__code="zorg-de-brug"
    ).exists()
    shared = write_entry(
        referral.case, users[Role.POLICE_OFFICER], kind="contact", visibility="all_involved", text="x"
    )
    assert Notification.objects.filter(
        key=f"timeline:{shared.pk}", organisation__code="zorg-de-brug"
    ).exists()


def test_order_decisions_and_violations_come_on_the_timeline(referral, order, users):
    kinds = set(referral.case.timeline.values_list("kind", "visibility"))
    assert ("decision", "all_involved") in kinds  # the imposition
    from django.utils import timezone

    from huisverbod.orders import services

    services.register_violation(
        order, users[Role.POLICE_OFFICER], occurred_at=timezone.now(), description="Vader stond voor de deur"
    )
    violation = referral.case.timeline.get(kind="signal_violation")
    assert violation.visibility == "professionals_only"
    assert violation not in set(visible_entries(users[Role.CARE_PROFESSIONAL], referral.case))


@pytest.mark.parametrize(
    "path",
    [
        "/cases/{case}/care-plan/",
        "/cases/{case}/referrals/",
        "/cases/{case}/timeline/",
        "/cases/{case}/referrals/{referral}/",
    ],
)
def test_pages_for_the_team_and_the_care_provider_are_logged(referral, users, path):
    url = path.format(case=referral.case.pk, referral=referral.pk)
    for role in (Role.VEILIG_THUIS_PROFESSIONAL, Role.CARE_PROFESSIONAL, Role.MUNICIPAL_OFFICER):
        response = client_for(users[role]).get(url)
        assert response.status_code == 200, (role, url)
        assert ProcessingLogEntry.objects.filter(trace_id=response["X-Trace-Id"], case="seed-2").exists()


def test_the_capacity_check_shows_on_the_referral_form(order, users, programme):
    page = client_for(users[Role.VEILIG_THUIS_PROFESSIONAL]).get(
        f"/cases/{order.case.pk}/referrals/?service={programme.pk}"
    )
    text = page.content.decode()
    assert 'data-verdict="only_if_extended"' in text
    text = text[text.index('class="table alternatives"') :]
    assert text.index("Gezinsgerichte daderhulp (groep)") < text.index("Forensische daderbehandeling")


def test_the_extension_advice_page_flags_the_waiting_list(referral, order, users, context):
    from huisverbod.monitoring.referrals import change_status

    change_status(referral, users[Role.CARE_PROFESSIONAL], to="waiting_list", context=context)
    page = client_for(users[Role.MUNICIPAL_OFFICER]).get(f"/orders/{order.pk}/advice/")
    assert page.status_code == 200 and 'data-conclusion="waiting_list_only"' in page.content.decode()
    assert client_for(users[Role.CARE_PROFESSIONAL]).get(f"/orders/{order.pk}/advice/").status_code == 404


def test_capacity_page_and_its_own_services(users, provision):
    care = client_for(users[Role.CARE_PROFESSIONAL])
    own, other = provision["Daderprogramma Huiselijk Geweld"], provision["Gezinsgerichte daderhulp (groep)"]
    assert f'data-service="{own.pk}"' in care.get("/capacity/").content.decode()
    assert care.post(f"/capacity/{own.pk}/", {"free_places": 2, "waiting_days": 8}).status_code == 302
    assert care.post(f"/capacity/{other.pk}/", {"free_places": 9, "waiting_days": 0}).status_code == 404
    own.refresh_from_db()
    assert (own.free_places, own.waiting_days) == (2, 8)
    assert client_for(users[Role.ANALYST]).get("/capacity/").status_code == 403
    api = client_for(users[Role.CARE_PROFESSIONAL])
    response = api.patch(
        f"/api/v1/care-services/{own.pk}/",
        {"free_places": 0, "waiting_days": 30},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["waiting_days"] == 30
    response = api.patch(
        f"/api/v1/care-services/{other.pk}/",
        {"free_places": 0, "waiting_days": 30},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_api_refers_and_moves_the_status(order, users, programme):
    vt = client_for(users[Role.VEILIG_THUIS_PROFESSIONAL])
    ref = order.case.reference
    check = vt.get(f"/api/v1/monitoring/{ref}/capacity-check/?service={programme.pk}").json()
    assert check["chosen"]["verdict"] == "only_if_extended" and check["alternatives"][0]["free_places"] == 2
    made = vt.post(
        f"/api/v1/monitoring/{ref}/referrals/",
        {
            "person": "p1",
            "service": programme.pk,
            "help_needed": "Daderhulp",
            "consent_basis": "consent",
            "consent_text": "Ja",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    referral = made.json()["id"]
    care = client_for(users[Role.CARE_PROFESSIONAL])
    moved = care.post(
        f"/api/v1/monitoring/{ref}/referrals/{referral}/status/",
        {"status": "waiting_list"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "waiting_list"
    refused = vt.post(
        f"/api/v1/monitoring/{ref}/referrals/{referral}/status/",
        {"status": "started"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    plan = care.get(f"/api/v1/monitoring/{ref}/care-plan/").json()
    assert [(i["person"], i["status"]) for i in plan] == [("p1", "waiting_list")]
    officer = client_for(users[Role.MUNICIPAL_OFFICER])
    advice = officer.get(f"/api/v1/monitoring/{ref}/extension-advice/").json()
    assert advice["content"]["improper_if_extended"] is True
