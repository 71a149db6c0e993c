"""Orders with their decisions for the beschikking tests, built directly as rows (synthetic data).

The lead's order services are not on this branch; these helpers set the fields those services
set: the order imposed at a moment, with its ends, and one OrderEvent per decision.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huisverbod.accounts.models import Organisation, User
from huisverbod.assessments.models import Assessment
from huisverbod.assessments.services import save_snapshot
from huisverbod.cases.models import Case, Person
from huisverbod.core.calendar.instants import AMSTERDAM
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.deadlines import initial_end, latest_extension_end
from huisverbod.core.orders.vocabulary import OrderState
from huisverbod.orders.models import Order, OrderEvent

HOVJ = "assistant_public_prosecutor"
OFFICER = "municipal_officer"
MAYOR = "mayor"
EINDHOVEN = "gemeente-eindhoven"

PARAMETER_SET = "wth-2009"
# Synthetic data only: a shelter street that exists nowhere, and BSNs that pass the eleven-test.
CONFIDENTIAL_STREET = "Schuilhavenpad"
CONFIDENTIAL_HOUSE_NUMBER = "99"
CONFIDENTIAL_POSTCODE = "9999 ZZ"
VICTIM_BSN = "111222333"
PERPETRATOR_BSN = "123456782"


def at(text: str) -> datetime:
    """``2021-10-19 21:40`` as an Amsterdam moment."""
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


def protect_victim(case: Case, local_id: str = "p2") -> Person:
    """Give the victim a confidential (shelter) address and a BSN, and the perpetrator a BSN."""
    victim = case.involvements.get(local_id=local_id).person
    victim.street = CONFIDENTIAL_STREET
    victim.house_number = CONFIDENTIAL_HOUSE_NUMBER
    victim.postcode = CONFIDENTIAL_POSTCODE
    victim.city = "Veldhoven"
    victim.address_confidential = True
    victim.bsn = VICTIM_BSN
    victim.save()
    perpetrator = case.involvements.get(role="perpetrator").person
    perpetrator.bsn = PERPETRATOR_BSN
    perpetrator.street = "Logeerlaan"
    perpetrator.house_number = "3"
    perpetrator.postcode = "5600 AA"
    perpetrator.city = "Eindhoven"
    perpetrator.save()
    return victim


def snapshot(case: Case, user: User) -> Assessment:
    return save_snapshot(case, user)


def make_order(
    case: Case,
    municipality: Organisation,
    created_by: User,
    *,
    imposed_at: datetime,
    form: str = "written",
    number: str = "HV-2021-0001",
    assessment: Assessment | None = None,
) -> Order:
    """An order imposed at ``imposed_at`` on the case's perpetrator, protecting everyone else."""
    params = parameter_set(PARAMETER_SET)
    perpetrator = case.involvements.get(role="perpetrator")
    order = Order.objects.create(
        case=case,
        number=number,
        municipality=municipality,
        state=OrderState.IMPOSED_ORALLY if form == "oral" else OrderState.IMPOSED,
        route="acute",
        assessment=assessment,
        perpetrator=perpetrator,
        parameter_set=PARAMETER_SET,
        imposed_at=imposed_at,
        imposition_form=form,
        ends_at=initial_end(imposed_at, params),
        latest_extension_end=latest_extension_end(imposed_at, params),
        created_by=created_by,
    )
    order.protected.set(case.involvements.exclude(pk=perpetrator.pk))
    return order


def add_event(
    order: Order,
    action: str,
    moment: datetime,
    actor: User,
    role: str,
    *,
    reason: str = "",
    assessment: Assessment | None = None,
    legal_basis: str = "art. 2 lid 1 Wth",
    **data: Any,
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        action=action,
        from_state=order.state,
        to_state=order.state,
        at=moment,
        actor=actor,
        role=role,
        organisation=actor.organisation,
        assessment=assessment,
        reason=reason,
        legal_basis=legal_basis,
        data=data,
    )


def extend(order: Order, until: datetime, decided_at: datetime) -> Order:
    """The order's fields as the lifecycle leaves them after an extension."""
    Order.objects.filter(pk=order.pk).update(
        state=OrderState.EXTENDED, extended_until=until, ends_at=until, extended_at=decided_at
    )
    order.refresh_from_db()
    return order


def mayor(municipality: Organisation) -> User:
    """The burgemeester (no such account in the demo; synthetic)."""
    user, _ = User.objects.get_or_create(
        username="burgemeester-test",
        defaults={"first_name": "Anna", "last_name": "Wijffels", "organisation": municipality},
    )
    return user


@dataclass
class Seed2:
    """Seed case 2 with a victim whose address is confidential, assessed, and an order on it."""

    case: Case
    order: Order
    assessment: Assessment
    hovj: User
    officer: User
    mayor: User
    victim: Person


def seed2_order(seed_cases: dict[str, Case], users: dict[str, User], *, form: str = "oral") -> Seed2:
    """The father of seed case 2 ordered out on 19 October 2021 at 21:40 by the hulpofficier."""
    case = seed_cases["seed-2"]
    victim = protect_victim(case)
    hovj = users[HOVJ]
    assessment = snapshot(case, hovj)
    municipality = Organisation.objects.get(code=EINDHOVEN)
    order = make_order(
        case, municipality, hovj, imposed_at=at("2021-10-19 21:40"), form=form, assessment=assessment
    )
    return Seed2(case, order, assessment, hovj, users[OFFICER], mayor(municipality), victim)


def impose(world: Seed2, *, reason: str = "", role: str = HOVJ) -> OrderEvent:
    """The decision the imposition's beschikking records: written at once, or after the oral order."""
    actor = {HOVJ: world.hovj, OFFICER: world.officer, MAYOR: world.mayor}[role]
    if world.order.imposition_form == "oral":
        return add_event(
            world.order, "confirm_in_writing", at("2021-10-20 09:15"), actor, role, reason=reason
        )
    return add_event(world.order, "impose_in_writing", at("2021-10-19 21:40"), actor, role, reason=reason)


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    """The PDF's text by pdftotext (poppler-utils); pages are separated by form feeds."""
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(command, input=bytes(pdf), capture_output=True, check=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    """Words rejoined across hyphenated line ends (U+2010, WeasyPrint's hyphen), spaces collapsed."""
    return " ".join(re.sub(r"\u2010\s*\n\s*", "", text).split())


FOOTER_LINE = re.compile(r"^\s*(\S+\s+Pagina \d+ van \d+|Controlewaarde \(SHA-256 van de inhoud\): \w+)\s*$")


def body_text(pdf: bytes, *, layout: bool = True) -> str:
    """The flat text without the page footers, so that a sentence over a page break reads whole."""
    lines = pdf_text(pdf, layout=layout).replace("\f", "\n").splitlines()
    return flat("\n".join(line for line in lines if not FOOTER_LINE.match(line)))
