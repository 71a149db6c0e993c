"""The demo's monitoring: care providers with realistic capacity, and seed case 2 in monitoring —
a saved joint assessment, an order imposed at set-up time (so it is in force, with a countdown),
the father referred to De Brug's perpetrator programme and on its waiting list, a care plan for
the mother and the children, and a few timeline entries. Idempotent. Synthetic data only."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from huisverbod.accounts.models import Organisation, User
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.log import AuditContext
from huisverbod.cases.models import Case
from huisverbod.monitoring import care_plan, referrals, timeline
from huisverbod.monitoring.models import CareService, Referral
from huisverbod.orders import services as orders
from huisverbod.orders.models import Order

REFERENCE = "seed-2"


@transaction.atomic
def load_care_services(rows: list[dict[str, Any]]) -> list[CareService]:
    """Services by (provider, name); capacity is set only when the service is new, so that what a
    provider's staff entered since is kept on a second run."""
    result = []
    for row in rows:
        service, created = CareService.objects.get_or_create(
            provider=Organisation.objects.get(code=row["provider"]),
            name=row["name"],
            defaults={
                "kind": row["kind"],
                "region": row.get("region", ""),
                "free_places": row["free_places"],
                "waiting_days": row["waiting_days"],
            },
        )
        if created:
            service.municipalities.set(Organisation.objects.filter(code__in=row.get("municipalities", [])))
        result.append(service)
    return result


def impose_order(case: Case, users: dict[str, User]) -> Order:
    """The joint assessment saved by Veilig Thuis, and the order imposed now by the hulpofficier."""
    assessment = case.assessments.order_by("-version").first() or save_snapshot(case, users["veiligthuis"])
    order = orders.create_order(
        case,
        users["hovj"],
        assessment=assessment,
        perpetrator=case.involvements.get(role="perpetrator"),
        protected=orders.protectable(case),
    )
    orders.impose(order, users["hovj"], oral=False)
    return order


def refer_father(case: Case, users: dict[str, User], context: AuditContext) -> Referral:
    programme = CareService.objects.get(provider__code="zorg-de-brug", name="Daderprogramma Huiselijk Geweld")
    referral = referrals.refer(
        case,
        users["veiligthuis"],
        involvement=case.involvements.get(local_id="p1"),
        service=programme,
        help_needed="Daderhulp: stoppen met geweld, omgaan met drank en spanning na het ontslag.",
        consent_basis="consent",
        consent_text="Vader stemt in met de verwijzing (mondeling, bij het huisbezoek na het opleggen).",
        context=context,
    )
    referrals.change_status(
        referral,
        users["zorg"],
        to="waiting_list",
        note="Geen plek in de lopende groep; de volgende groep start over ongeveer drie weken.",
        context=context,
    )
    return referral


def plan_for_mother_and_children(case: Case, users: dict[str, User], context: AuditContext) -> None:
    vt = users["veiligthuis"]
    de_brug = Organisation.objects.get(code="zorg-de-brug")
    kompas = Organisation.objects.get(code="zorg-kompas")
    care_plan.add_item(
        case,
        vt,
        case.involvements.get(local_id="p2"),
        {
            "kind": "victim_support",
            "help_needed": "Steun voor moeder en een veiligheidsplan voor haar en de kinderen.",
            "provider": de_brug,
            "status": "started",
            "agreements": "Wekelijks gesprek; het veiligheidsplan is besproken.",
        },
        context=context,
    )
    for local_id in ("p3", "p4", "p5"):
        care_plan.add_item(
            case,
            vt,
            case.involvements.get(local_id=local_id),
            {
                "kind": "youth_care",
                "help_needed": "Traumasensitieve begeleiding: getuige van geweld thuis.",
                "provider": kompas,
                "status": "needed",
                "agreements": "Moeder meldt de kinderen aan na het gesprek met Veilig Thuis.",
            },
            context=context,
        )


def write_timeline(case: Case, users: dict[str, User]) -> None:
    mother = case.involvements.get(local_id="p2")
    father = case.involvements.get(local_id="p1")
    entries = [
        (
            users["veiligthuis"],
            "contact",
            "all_involved",
            mother,
            "Huisbezoek bij moeder en kinderen. Moeder zegt dat het rustig is; de kinderen slapen beter.",
        ),
        (
            users["veiligthuis"],
            "statement",
            "all_involved",
            father,
            "Vader wil zo snel mogelijk met hulp beginnen en houdt zich aan het contactverbod.",
        ),
        (
            users["agent"],
            "note",
            "professionals_only",
            None,
            "Wijkagent langs geweest: geen meldingen sinds het opleggen.",
        ),
        (
            users["zorg"],
            "agreement",
            "all_involved",
            father,
            "Intakegesprek daderprogramma gepland; tot de groep start belt vader wekelijks met De Brug.",
        ),
    ]
    for author, kind, visibility, party, text in entries:
        timeline.write_entry(case, author, kind=kind, visibility=visibility, text=text, party=party)


def set_up_monitoring(services: list[dict[str, Any]]) -> Order | None:
    """Seed case 2 in monitoring, once: a later run leaves what is there."""
    load_care_services(services)
    case = Case.objects.filter(reference=REFERENCE).first()
    if case is None or case.orders.exists():
        return None
    users = {
        u.username: u for u in User.objects.filter(username__in=["hovj", "veiligthuis", "zorg", "agent"])
    }
    context = AuditContext.for_command("demo")
    with transaction.atomic():
        order = impose_order(case, users)
        refer_father(case, users, context)
        plan_for_mother_and_children(case, users, context)
        write_timeline(case, users)
    return order
