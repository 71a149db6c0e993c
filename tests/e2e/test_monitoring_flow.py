"""Monitoring in the browser: Veilig Thuis refers the father of seed case 2 to De Brug's
perpetrator programme; the care professional of De Brug sees only that case and only what care
needs, puts the referral on the waiting list and writes on the timeline; Veilig Thuis sees the
entry and a notification; the municipal officer's extension advice flags the waiting list; when
the order has ended, the care professional's access is gone.

Locators use names, ids and data attributes: this part's Dutch texts arrive with the lead's
translations (docs/translations-monitoring.json)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from huisverbod.accounts.models import Role
from huisverbod.assessments.services import save_snapshot
from huisverbod.demo.monitoring import load_care_services
from huisverbod.demo.services import care_services
from huisverbod.monitoring.models import TimelineEntry
from huisverbod.notifications.models import Notification
from huisverbod.orders import services
from huisverbod.orders.worker import run_once

pytestmark = pytest.mark.django_db(transaction=True)
FATHER_BSN = "123456782"  # synthetic, passes the eleven-test


@pytest.fixture
def in_force(seed_cases, users):
    load_care_services(care_services())
    case = seed_cases["seed-2"]
    father = case.involvements.get(local_id="p1")
    father.person.bsn = FATHER_BSN
    father.person.save()
    order = services.create_order(
        case,
        users[Role.ASSISTANT_PUBLIC_PROSECUTOR],
        assessment=save_snapshot(case, users[Role.VEILIG_THUIS_PROFESSIONAL]),
        perpetrator=father,
        protected=services.protectable(case),
    )
    services.impose(order, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False)
    order.refresh_from_db()
    return order


def test_refer_share_advise_and_lose_access(live_server, page: Page, in_force, sign_in):
    case, base = in_force.case, live_server.url
    father = case.involvements.get(local_id="p1")

    sign_in("veiligthuis")
    page.goto(f"{base}/cases/{case.pk}/referrals/")
    form = page.locator("main form:has(select[name=service])")
    form.locator("select[name=involvement]").select_option(str(father.pk))
    programme = form.locator("select[name=service] option", has_text="Daderprogramma Huiselijk Geweld")
    form.locator("select[name=service]").select_option(programme.get_attribute("value"))
    expect(page.locator("#capacity [data-verdict]").first).to_have_attribute(
        "data-verdict", "only_if_extended"
    )
    expect(page.locator("#capacity .alternatives tbody tr")).to_have_count(2)  # sooner elsewhere
    form.locator("textarea[name=help_needed]").fill("Daderhulp: stoppen met geweld.")
    form.locator("input[name=consent_basis][value=consent]").check()
    form.locator("textarea[name=consent_text]").fill("Vader stemt in (mondeling).")
    form.locator("button[type=submit]").click()
    expect(page.locator("dl[data-referral]")).to_have_attribute("data-status", "sent")

    page.context.clear_cookies()
    sign_in("zorg")
    listed = page.locator("main").inner_text()
    assert "seed-2" in listed and "seed-1" not in listed and "seed-3" not in listed
    page.goto(f"{base}/cases/{case.pk}/")
    expect(page.locator("#facts-title")).to_have_count(0)  # no facts
    assert FATHER_BSN not in page.content()  # no BSN
    page.goto(f"{base}/cases/{case.pk}/referrals/")
    page.locator("tr[data-referral] a").first.click()
    page.locator("input[name=status][value=waiting_list]").check()
    page.locator("main form:has(input[name=status]) button[type=submit]").click()
    expect(page.locator("dl[data-referral]")).to_have_attribute("data-status", "waiting_list")
    page.goto(f"{base}/cases/{case.pk}/timeline/")
    entry_form = page.locator("main form:has(textarea[name=text])")
    entry_form.locator("select[name=kind]").select_option("agreement")
    entry_form.locator("textarea[name=text]").fill("Intake gepland; vader belt wekelijks met De Brug.")
    entry_form.locator("button[type=submit]").click()
    expect(page.locator(".timeline__entry[data-kind=agreement]")).to_contain_text("Intake gepland")

    entry = TimelineEntry.objects.get(kind="agreement")
    page.context.clear_cookies()
    sign_in("veiligthuis")
    page.goto(f"{base}/cases/{case.pk}/timeline/")
    expect(page.locator(f"#entry-{entry.pk}")).to_contain_text("Intake gepland")
    page.goto(f"{base}/notifications/")
    # Two new entries from De Brug: the referral on its waiting list, and the agreement.
    expect(page.locator(".notification[data-kind=timeline_entry]")).to_have_count(2)
    assert Notification.objects.filter(
        key=f"timeline:{entry.pk}", organisation__code="vt-zuidoost-brabant"
    ).exists()

    page.context.clear_cookies()
    sign_in("gemeente")
    page.goto(f"{base}/orders/{in_force.pk}/")
    expect(page.locator("#extension-advice")).to_have_attribute("data-improper", "yes")
    page.goto(f"{base}/orders/{in_force.pk}/advice/")
    expect(page.locator("[data-conclusion]").first).to_have_attribute("data-conclusion", "waiting_list_only")
    expect(page.locator("#improper-flag")).to_be_visible()

    run_once(now=in_force.ends_at + timedelta(minutes=1))
    page.context.clear_cookies()
    sign_in("zorg")
    assert "seed-2" not in page.locator("main").inner_text()
    response = page.goto(f"{base}/cases/{case.pk}/")
    assert response is not None and response.status == 404
