"""Retention: which cases are due for destruction, and destroying them only after review.

- A case with a huisverbod: five years after the (last) decision, then destroyed (art. 10 Wth;
  the number comes from the law parameter set in force on the decision date).
- A case without a huisverbod: ``RETENTION_YEARS_WITHOUT_ORDER`` after its last change (a policy
  choice of the organisations involved; docs/security.md).
- Registry extracts follow their own regime (the registries app).

Destruction is logged in the processing log, with the case reference and the pseudonymous
subjects, never the destroyed content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import Case, Person
from huisverbod.core.law.parameters import parameters_on
from huisverbod.retention.models import DestructionItem, DestructionList, ListStatus


class RetentionError(Exception):
    pass


@dataclass(frozen=True)
class Due:
    case: Case
    anchor: date
    due: date
    basis: str


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


DECISIONS = (
    "impose_orally",
    "impose_in_writing",
    "confirm_in_writing",
    "extend",
    "withdraw",
    "expire",
    "annul",
)


def decision_dates(case: Case) -> list[date]:
    """The dates of the decisions on the case's orders: those recorded here, and an order the case
    file brought with it (imposed, extended)."""
    from huisverbod.orders.models import OrderEvent

    dates = [
        timezone.localdate(at)
        for at in OrderEvent.objects.filter(order__case=case, action__in=DECISIONS).values_list(
            "at", flat=True
        )
    ]
    for key in ("imposed_at", "extended_until"):
        text = (case.order_data or {}).get(key)
        if text:
            dates.append(datetime.fromisoformat(text).date())
    return dates


def retention_of(case: Case) -> tuple[date, date, str]:
    decisions = decision_dates(case)
    if decisions:
        anchor = max(decisions)
        years = parameters_on(anchor).retention.order_file_years
        return anchor, add_years(anchor, years), f"art. 10 Wth: {years} jaar na de beschikking"
    anchor = timezone.localdate(case.updated_at)
    years = settings.RETENTION_YEARS_WITHOUT_ORDER
    return anchor, add_years(anchor, years), f"zaak zonder huisverbod: {years} jaar na de laatste wijziging"


@dataclass(frozen=True)
class DueRecord:
    registry: str
    record_id: str
    anchor: date
    due: date
    basis: str


def due_registry_records(today: date) -> list[DueRecord]:
    """Registry extracts follow their own regime: ``REGISTRY_RETENTION_YEARS`` after the
    registration's date."""
    from huisverbod.registries.backend import TABLES
    from huisverbod.registries.models import Registry

    on_open_lists = set(
        DestructionItem.objects.filter(destruction_list__status__in=[ListStatus.DRAFT, ListStatus.APPROVED])
        .exclude(registry="")
        .values_list("registry", "case_reference")
    )
    due = []
    for registry in Registry:
        years = settings.REGISTRY_RETENTION_YEARS[registry.value]
        latest = add_years(today, -years)
        model = TABLES[registry][0]
        for record_id, event_date in model.objects.filter(event_date__lte=latest).values_list(
            "record_id", "event_date"
        ):
            if (registry.value, record_id) not in on_open_lists:
                due.append(
                    DueRecord(
                        registry.value,
                        record_id,
                        event_date,
                        add_years(event_date, years),
                        f"registratie {registry.label}: {years} jaar na de registratie",
                    )
                )
    return due


def due_cases(today: date) -> list[Due]:
    on_open_lists = DestructionItem.objects.filter(
        destruction_list__status__in=[ListStatus.DRAFT, ListStatus.APPROVED]
    ).values("case_reference")
    result = []
    for case in Case.objects.exclude(reference__in=on_open_lists).order_by("reference"):
        anchor, due, basis = retention_of(case)
        if due <= today:
            result.append(Due(case, anchor, due, basis))
    return result


@transaction.atomic
def propose(today: date, created_by: str) -> DestructionList | None:
    due = due_cases(today)
    records = due_registry_records(today)
    if not due and not records:
        return None
    destruction_list = DestructionList.objects.create(created_by=created_by)
    DestructionItem.objects.bulk_create(
        DestructionItem(
            destruction_list=destruction_list,
            registry=r.registry,
            case_reference=r.record_id,
            retention_basis=r.basis,
            anchor_date=r.anchor,
            due_date=r.due,
        )
        for r in records
    )
    DestructionItem.objects.bulk_create(
        DestructionItem(
            destruction_list=destruction_list,
            case=d.case,
            case_reference=d.case.reference,
            retention_basis=d.basis,
            anchor_date=d.anchor,
            due_date=d.due,
        )
        for d in due
    )
    return destruction_list


@transaction.atomic
def review(destruction_list: DestructionList, reviewer: str, *, approve: bool, note: str = "") -> None:
    if destruction_list.status != ListStatus.DRAFT:
        raise RetentionError(f"list #{destruction_list.pk} is {destruction_list.status}, not awaiting review")
    if reviewer == destruction_list.created_by:
        raise RetentionError("the reviewer must be another person than the one who drew up the list")
    destruction_list.status = ListStatus.APPROVED if approve else ListStatus.REJECTED
    destruction_list.reviewed_by = reviewer
    destruction_list.reviewed_at = timezone.now()
    destruction_list.note = note
    destruction_list.save()


@transaction.atomic
def execute(destruction_list: DestructionList, context: AuditContext) -> int:
    if destruction_list.status != ListStatus.APPROVED:
        raise RetentionError(
            f"list #{destruction_list.pk} is {destruction_list.status}; only an approved list is executed"
        )
    destroyed = 0
    for item in destruction_list.items.exclude(registry=""):
        from huisverbod.registries.backend import TABLES
        from huisverbod.registries.models import Registry

        TABLES[Registry(item.registry)][0].objects.filter(record_id=item.case_reference).delete()
        record(
            context,
            "registry-destroy",
            detail={"list": destruction_list.pk, "registry": item.registry, "record": item.case_reference},
        )
        item.destroyed_at = timezone.now()
        item.save(update_fields=["destroyed_at"])
        destroyed += 1
    for item in destruction_list.items.filter(registry="").select_related("case"):
        case = item.case
        if case is None:
            continue
        person_ids = list(case.involvements.values_list("person_id", flat=True))
        record(context, "case-destroy", subjects=of_case(case), detail={"list": destruction_list.pk})
        case.delete()
        # A person record goes with the last case it was involved in.
        Person.objects.filter(pk__in=person_ids, involvements__isnull=True).delete()
        item.case = None  # the database set it NULL with the case
        item.destroyed_at = timezone.now()
        item.save(update_fields=["case", "destroyed_at"])
        destroyed += 1
    destruction_list.status = ListStatus.EXECUTED
    destruction_list.executed_at = timezone.now()
    destruction_list.save(update_fields=["status", "executed_at"])
    return destroyed
