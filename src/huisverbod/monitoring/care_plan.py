"""The care plan: for each person in the case, the help needed, who gives it, where it stands and
what was agreed — and whether it started while the order is in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import Organisation, Role, User
from huisverbod.audit.log import AuditContext, record
from huisverbod.cases.models import Case, Involvement
from huisverbod.core.monitoring.capacity import StartVerdict, verdict
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CarePlanItem, CarePlanStatus, Referral, ServiceKind
from huisverbod.orders.models import Order

FIELDS = ("kind", "help_needed", "provider", "provider_other", "status", "started_on", "agreements")


def may_edit(user: User, item: CarePlanItem) -> bool:
    """Veilig Thuis and the municipality coordinate the plan; a care provider keeps its own items."""
    if not can(user, Action.EDIT_CARE_PLAN, item.case):
        return False
    if user.role == Role.CARE_PROFESSIONAL:
        return item.provider_id is not None and item.provider_id == user.organisation_id
    return True


def _clean(case: Case, user: User, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("kind") not in ServiceKind.values:
        raise MonitoringError("choose the kind of help", field="kind")
    if not str(values.get("help_needed", "")).strip():
        raise MonitoringError("say what help is needed", field="help_needed")
    status = values.get("status") or CarePlanStatus.NEEDED
    if status not in CarePlanStatus.values:
        raise MonitoringError("choose the status", field="status")
    started_on: date | None = values.get("started_on")
    if status in (CarePlanStatus.STARTED, CarePlanStatus.ENDED) and started_on is None:
        if status == CarePlanStatus.ENDED:
            raise MonitoringError("say when the help started", field="started_on")
        started_on = timezone.localdate()
    if started_on is not None and started_on > timezone.localdate():
        raise MonitoringError("help that has not started yet cannot have a start date", field="started_on")
    provider: Organisation | None = values.get("provider")
    if user.role == Role.CARE_PROFESSIONAL:
        provider = user.organisation  # a provider writes its own help
    return {
        "kind": values["kind"],
        "help_needed": str(values["help_needed"]).strip(),
        "provider": provider,
        "provider_other": "" if provider is not None else str(values.get("provider_other", "")).strip(),
        "status": status,
        "started_on": started_on if status in (CarePlanStatus.STARTED, CarePlanStatus.ENDED) else None,
        "agreements": str(values.get("agreements", "")).strip(),
    }


@transaction.atomic
def add_item(
    case: Case, actor: User, involvement: Involvement, values: dict[str, Any], *, context: AuditContext
) -> CarePlanItem:
    if not can(actor, Action.EDIT_CARE_PLAN, case):
        raise MonitoringError("your role may not change the care plan", code="forbidden")
    if involvement.case_id != case.pk:
        raise MonitoringError("the person is not in this case", field="involvement")
    item = CarePlanItem.objects.create(
        case=case, involvement=involvement, created_by=actor, updated_by=actor, **_clean(case, actor, values)
    )
    _log(context, item, "added")
    return item


@transaction.atomic
def update_item(
    item: CarePlanItem, actor: User, values: dict[str, Any], *, context: AuditContext
) -> CarePlanItem:
    if not may_edit(actor, item):
        raise MonitoringError("you may change only the help your organisation gives", code="forbidden")
    cleaned = _clean(item.case, actor, {**{f: getattr(item, f) for f in FIELDS}, **values})
    if item.referrals.exists():
        # The referral keeps the provider and the kind of help it was made for.
        cleaned["kind"], cleaned["provider"] = item.kind, item.provider
    changed = [name for name, value in cleaned.items() if getattr(item, name) != value]
    for name, value in cleaned.items():
        setattr(item, name, value)
    item.updated_by = actor
    item.save()
    _log(context, item, "changed", fields=changed)
    return item


def _log(context: AuditContext, item: CarePlanItem, what: str, **detail: object) -> None:
    record(
        context,
        "care-plan-change",
        subjects={item.case.reference: [item.involvement.person_id]},
        detail={"item": item.pk, "what": what, **detail},
    )


@dataclass(frozen=True)
class PlanRow:
    item: CarePlanItem
    referral: Referral | None
    starts_on: date | None  # started, or expected to start
    started: bool
    verdict: StartVerdict | None


@dataclass(frozen=True)
class PersonPlan:
    involvement: Involvement
    rows: list[PlanRow]
    started_on: date | None

    @property
    def help_started(self) -> bool:
        return self.started_on is not None


def plan_of(case: Case, order: Order | None) -> list[PersonPlan]:
    """Every person in the case with their help, each against the order's current end."""
    ends_on = timezone.localdate(order.ends_at) if order is not None and order.ends_at else None
    latest = (
        timezone.localdate(order.latest_extension_end)
        if order is not None and order.latest_extension_end
        else None
    )
    items = list(
        CarePlanItem.objects.filter(case=case)
        .select_related("provider", "involvement")
        .order_by("created_at", "pk")
    )
    latest_referral: dict[int, Referral] = {}
    for made in (
        Referral.objects.filter(care_plan_item__in=items).select_related("service").order_by("created_at")
    ):
        if made.care_plan_item_id is not None:
            latest_referral[made.care_plan_item_id] = made
    plans = []
    for involvement in case.involvements.select_related("person").order_by("position"):
        rows = []
        for item in (i for i in items if i.involvement_id == involvement.pk):
            referral = latest_referral.get(item.pk)
            started = item.started_on is not None and item.status in (
                CarePlanStatus.STARTED,
                CarePlanStatus.ENDED,
            )
            starts_on = (
                item.started_on if started else (referral.expected_start if referral is not None else None)
            )
            if item.status in (CarePlanStatus.NOT_NEEDED, CarePlanStatus.DECLINED):
                starts_on = None
            result = (
                verdict(starts_on, ends_on, latest) if starts_on is not None and ends_on is not None else None
            )
            rows.append(PlanRow(item, referral, starts_on, started, result))
        first = min((r.starts_on for r in rows if r.started and r.starts_on), default=None)
        plans.append(PersonPlan(involvement, rows, first))
    return plans
