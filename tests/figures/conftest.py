from __future__ import annotations

import pytest

from huisverbod.accounts.models import Organisation, OrganisationKind
from tests.figures.builders import Builder


@pytest.fixture
def builder(users) -> Builder:
    return Builder(users["police_officer"])


@pytest.fixture
def veldhoven(organisations) -> Organisation:
    """A second municipality in the Oost-Brabant police unit and Veilig Thuis region."""
    eindhoven = organisations["gemeente-eindhoven"]
    return Organisation.objects.create(
        code="gemeente-veldhoven",
        name="Gemeente Veldhoven (test)",
        kind=OrganisationKind.MUNICIPALITY,
        police_unit=eindhoven.police_unit,
        veilig_thuis_region=eindhoven.veilig_thuis_region,
        places="Veldhoven",
    )


@pytest.fixture
def world(builder, organisations, veldhoven):
    """Ten synthetic cases in 2025 whose figures are counted by hand in test_hand_counted.py."""
    b = builder
    E, U, V = organisations["gemeente-eindhoven"], organisations["gemeente-utrecht"], veldhoven
    cases = {}
    # 1 Eindhoven: joint, order acute with an arrest, extended for a waiting list, a violation.
    c = cases[1] = b.case("Eindhoven")
    b.assessment(c, "2025-01-10 21:00", joint=True)
    o = b.order(c, E, "2025-01-10 22:00")
    b.decision(c, "order", "2025-01-10 22:00", "2025-01-10 20:00", order=o)
    b.measure(c, "arrest", "2025-01-10")
    b.event(o, "extend", "2025-01-20 10:00", waiting_list=True)
    b.violation(o, "2025-01-15 03:00")
    b.closing(o, "2025-02-20 10:00", {"perpetrator": True, "victim": False, "child": True})
    # 2 Eindhoven: police-only v1 in January, joint v2 in February; order with a criminal contact
    # ban in the window and an arrest after it; an appeal; withdrawn.
    c = cases[2] = b.case("Eindhoven")
    b.assessment(c, "2025-01-20 09:00", joint=False)
    b.assessment(c, "2025-02-02 09:00", joint=True)
    o = b.order(c, E, "2025-02-02 10:00")
    b.decision(c, "order", "2025-02-02 10:00", "2025-02-01 22:00", order=o)
    b.measure(c, "criminal_contact_ban", "2025-02-05")
    b.measure(c, "arrest", "2025-03-01")
    b.event(o, "withdraw", "2025-02-06 12:00")
    # 3 Veldhoven: police-only, order acute without a criminal measure, appealed and annulled.
    c = cases[3] = b.case("Veldhoven")
    b.assessment(c, "2025-02-15 12:00", joint=False)
    o = b.order(c, V, "2025-02-15 14:00")
    b.decision(c, "order", "2025-02-15 14:00", "2025-02-15 13:00", order=o)
    b.appeal(o, "2025-02-17 09:00")
    b.event(o, "annul", "2025-02-20 15:00")
    # 4 Utrecht: planned, joint, a care referral only, extended (the threat continues).
    c = cases[4] = b.case("Utrecht", trigger="planned")
    b.assessment(c, "2025-03-03 10:00", joint=True)
    o = b.order(c, U, "2025-03-05 09:00", route="planned")
    b.decision(c, "order", "2025-03-03 11:00", None, order=o)
    b.measure(c, "care_referral", "2025-03-04")
    b.event(o, "extend", "2025-03-14 09:00", waiting_list=False)
    # 5 Utrecht: not possible (ex-partner); a criminal contact ban in the window, a civil one after.
    c = cases[5] = b.case("Utrecht")
    b.assessment(c, "2025-03-10 08:00", joint=False)
    b.decision(c, "not_possible", "2025-03-10 09:00", "2025-03-10 01:00", reasons=("ex_partner",))
    b.measure(c, "criminal_contact_ban", "2025-03-11")
    b.measure(c, "civil_contact_ban", "2025-03-25")
    # 6 Eindhoven: not possible (a minor, and another reason), nothing taken instead.
    c = cases[6] = b.case("Eindhoven")
    b.assessment(c, "2025-03-12 11:45", joint=True)
    b.decision(c, "not_possible", "2025-03-12 12:00", "2025-03-12 11:30", reasons=("minor", "other"))
    # 7 Eindhoven: no order.
    c = cases[7] = b.case("Eindhoven")
    b.assessment(c, "2025-03-20 09:00", joint=False)
    b.decision(c, "no_order", "2025-03-20 10:00", "2025-03-19 22:00")
    # 8 Eindhoven: assessed on 31 March 23:30 Dutch time (21:30 UTC): March.
    c = cases[8] = b.case("Eindhoven")
    b.assessment(c, "2025-03-31 23:30", joint=False)
    # 9 Utrecht: assessed on 1 April 00:30 Dutch time (31 March 22:30 UTC): April; an order
    # prepared but never imposed.
    c = cases[9] = b.case("Utrecht")
    b.assessment(c, "2025-04-01 00:30", joint=False)
    b.order(c, U, None)
    # 10 a place no municipality knows: region unknown.
    c = cases[10] = b.case("Nergenshuizen")
    b.assessment(c, "2025-01-05 10:00", joint=False)
    return cases
