"""The extension advice for the mayor, prepared from what was recorded since the imposition, and
kept with the decision. The rule itself is in ``core/monitoring/advice.py``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.core.monitoring.advice import (
    SIGNAL_KINDS,
    Advice,
    AdviceInput,
    FactSeen,
    HelpSeen,
    SignalSeen,
    advise,
)
from huisverbod.core.orders.vocabulary import OrderState
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CarePlanItem, CarePlanStatus, EntryKind, ExtensionAdvice, Referral
from huisverbod.orders import services as order_services
from huisverbod.orders.models import Order, OrderEvent

STATEMENT_KINDS = (EntryKind.STATEMENT, EntryKind.CONTACT)


def extension_open(order: Order) -> bool:
    """The mayor can still extend: the order is imposed and not yet extended or ended."""
    return order.state in (OrderState.IMPOSED, OrderState.IMPOSED_ORALLY)


def known_at_imposition(order: Order) -> set[str]:
    """The facts the order rests on: those in the assessment it was imposed on."""
    if order.assessment is None:
        return set()
    return {str(f.get("id")) for f in order.assessment.casefile.get("facts", [])}


def _input(order: Order, imposed_at: datetime, ends_at: datetime) -> tuple[AdviceInput, dict[str, Any]]:
    case = order.case
    known = known_at_imposition(order)
    facts = [f for f in case.facts.order_by("position") if f.local_id not in known]
    entries = list(case.timeline.select_related("party").order_by("occurred_at", "pk"))
    involvements = list(case.involvements.select_related("person").order_by("position"))
    local = {inv.pk: inv.local_id for inv in involvements}
    help_: list[HelpSeen] = []
    referred_items: set[int] = set()
    for referral in Referral.objects.filter(case=case).select_related("service").order_by("created_at"):
        if referral.care_plan_item_id is not None:
            referred_items.add(referral.care_plan_item_id)
        help_.append(
            HelpSeen(
                person=local[referral.involvement_id],
                status=referral.status,
                started_on=referral.started_on,
                expected_start=referral.expected_start,
                referral=referral.pk,
                service=referral.service.name,
            )
        )
    for item in CarePlanItem.objects.filter(case=case).exclude(pk__in=referred_items):
        started = item.started_on if item.status in (CarePlanStatus.STARTED, CarePlanStatus.ENDED) else None
        help_.append(
            HelpSeen(local[item.involvement_id], item.status, started, None, service=item.get_kind_display())
        )
    data = AdviceInput(
        imposed_at=imposed_at,
        ends_on=timezone.localdate(ends_at),
        facts=tuple(FactSeen(f.local_id, f.type, f.recorded_at, f.source) for f in facts),
        signals=tuple(SignalSeen(e.pk, e.kind, e.occurred_at) for e in entries if e.kind in SIGNAL_KINDS),
        violations=tuple(v.occurred_at for v in order.violations.all()),
        help=tuple(help_),
        persons=tuple(inv.local_id for inv in involvements),
    )
    extra = {
        "facts": {f.local_id: f for f in facts},
        "entries": {e.pk: e for e in entries},
        "involvements": {inv.local_id: inv for inv in involvements},
        "local": local,
        "statements": [
            e for e in entries if e.kind in STATEMENT_KINDS and e.party_id and e.occurred_at >= imposed_at
        ],
    }
    return data, extra


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def prepare(order: Order) -> tuple[Advice, dict[str, Any]]:
    """The advice as it stands now, and its content as data (what is kept with the decision)."""
    if order.imposed_at is None or order.ends_at is None:
        raise MonitoringError("the order is not imposed", code="not_imposed")
    data, extra = _input(order, order.imposed_at, order.ends_at)
    result = advise(data)
    names = {
        local_id: {"name": f"{inv.person.given_names} {inv.person.surname}", "role": inv.role}
        for local_id, inv in extra["involvements"].items()
    }
    due = order.deadlines.filter(kind="extension_decision_due").first()

    def waiting(h: HelpSeen) -> dict[str, Any]:
        return {
            "referral": h.referral,
            "service": h.service,
            "status": h.status,
            "expected_start": _iso(h.expected_start),
        }

    content = {
        "order": order.number,
        "prepared_at": timezone.now().isoformat(),
        "imposed_at": _iso(order.imposed_at),
        "ends_at": _iso(order.ends_at),
        "latest_extension_end": _iso(order.latest_extension_end),
        "decision_due": _iso(due.due_at if due else order.ends_at),
        "conclusion": result.conclusion.value,
        "improper_if_extended": result.improper_if_extended,
        "threat": {
            "facts": [
                {
                    "id": f.id,
                    "type": f.type,
                    "source": f.source,
                    "recorded_at": _iso(f.recorded_at),
                    "text": extra["facts"][f.id].text,
                }
                for f in result.threat_facts
            ],
            "signals": [
                {"entry": s.entry, "kind": s.kind, "at": _iso(s.at), "text": extra["entries"][s.entry].text}
                for s in result.signals
            ],
            "violations": [_iso(v) for v in result.violations],
        },
        "waiting_list_facts": [
            {"id": f.id, "text": extra["facts"][f.id].text} for f in result.waiting_list_facts
        ],
        "help": [
            {
                "person": p.person,
                **names[p.person],
                "started_on": _iso(p.started_on),
                "waiting": [waiting(h) for h in p.waiting],
            }
            for p in result.persons
        ],
        "statements": [
            {
                "entry": e.pk,
                "person": extra["local"][e.party_id],
                "kind": e.kind,
                "at": _iso(e.occurred_at),
                "text": e.text,
            }
            for e in extra["statements"]
        ],
    }
    return result, content


def shown(order: Order) -> dict[str, Any] | None:
    """The advice to show: prepared now while an extension is open, else the one kept with the
    decision (if any)."""
    if extension_open(order):
        try:
            _result, content = prepare(order)
        except MonitoringError:
            return None
        return {"content": content, "kept": None}
    kept = (
        ExtensionAdvice.objects.filter(order=order)
        .select_related("decision")
        .order_by("-prepared_at")
        .first()
    )
    return {"content": kept.content, "kept": kept} if kept is not None else None


@transaction.atomic
def extend(
    order: Order,
    actor: User,
    *,
    new_end: datetime,
    reason: str,
    improper_reason_noted: str = "",
    context: AuditContext,
) -> OrderEvent:
    """Extend through the advice: when a waiting list is the only open issue, extending needs a
    recorded reason for doing so anyway; the advice is kept with the decision."""
    advice, content = prepare(order) if extension_open(order) else (None, None)
    noted = improper_reason_noted.strip() if advice is not None and advice.improper_if_extended else ""
    if advice is not None and advice.improper_if_extended and not noted:
        raise MonitoringError(
            "the advice flags a waiting list as the only open issue, which is not a reason to extend "
            "(art. 9 lid 1 Wth): record why you extend anyway",
            field="improper_reason_noted",
            code="improper_reason_required",
        )
    event = order_services.extend(order, actor, new_end=new_end, reason=reason, improper_reason_noted=noted)
    if advice is not None and content is not None:
        ExtensionAdvice.objects.create(
            order=order,
            decision=event,
            prepared_at=timezone.now(),
            conclusion=advice.conclusion.value,
            improper_if_extended=advice.improper_if_extended,
            improper_reason_noted=noted,
            content=content,
        )
        record(
            context,
            "extension-advice-save",
            subjects=of_case(order.case),
            detail={
                "order": order.number,
                "conclusion": advice.conclusion.value,
                "improper_noted": bool(noted),
            },
        )
    return event
