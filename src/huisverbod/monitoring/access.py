"""Time-boxed access for care providers: granted when a referral is made, limited to what care
needs (the CARE scope; the confidential address only when a referral needs it), and ended when
monitoring ends — by the worker at the grant's expiry, at once when monitoring is closed, or when
no open referral needs it any more. Every grant, change and end is in the processing log."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from huisverbod.access.models import CaseAccess, Reason, Scope
from huisverbod.access.services import grant
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import Case
from huisverbod.core.monitoring.period import monitoring_end
from huisverbod.core.monitoring.referrals import OPEN
from huisverbod.orders.models import Order


def follow_up_days() -> int:
    return int(getattr(settings, "MONITORING_FOLLOW_UP_DAYS", 0))


def end_of_monitoring(order: Order) -> datetime | None:
    """The order's end (its current end while in force, the moment it ended once it has) plus the
    follow-up period; the closing, if monitoring was closed before that."""
    closing = getattr(order, "closing", None) if order.pk else None
    end = order.ended_at if order.order_state.ended else order.ends_at
    return monitoring_end(end, follow_up_days(), closing.closed_at if closing is not None else None)


def care_grants(case: Case) -> list[CaseAccess]:
    """The care providers' grants not yet ended (an expired one waits for the worker to record it)."""
    return list(
        CaseAccess.objects.filter(
            case=case, reason=Reason.REFERRAL, scope=Scope.CARE, revoked_at__isnull=True
        )
        .select_related("organisation")
        .order_by("pk")
    )


def _log(context: AuditContext, activity: str, access: CaseAccess, **detail: object) -> None:
    record(
        context,
        activity,
        subjects=of_case(access.case),
        detail={
            "organisation": access.organisation.code,
            **{k: v for k, v in detail.items() if v is not None},
        },
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _expire(access: CaseAccess, now: datetime, context: AuditContext) -> None:
    access.revoked_at = now
    access.save(update_fields=["revoked_at"])
    _log(context, "care-access-expired", access, expired_at=_iso(access.expires_at))


@transaction.atomic
def sync_care_access(case: Case, context: AuditContext, *, by: User | None = None) -> None:
    """Bring the care grants of a case in line with its open referrals: one grant per provider,
    until the latest end of monitoring of its referrals, with the confidential address when any
    of them needs it."""
    from huisverbod.monitoring.models import Referral

    now = timezone.now()
    wanted: dict[int, tuple[datetime | None, bool]] = {}
    for referral in Referral.objects.filter(case=case, status__in=[s.value for s in OPEN]).select_related(
        "order", "order__closing"
    ):
        end = end_of_monitoring(referral.order)
        if end is None or end <= now:
            continue
        previous = wanted.get(referral.provider_id)
        if previous is not None:
            end = max(end, previous[0] or end)
        needs = referral.confidential_address_needed or (previous is not None and previous[1])
        wanted[referral.provider_id] = (end, needs)
    for access in care_grants(case):
        if access.expires_at is not None and access.expires_at <= now:
            _expire(access, now, context)
            continue
        if access.organisation_id not in wanted:
            access.revoked_at, access.revoked_by = now, by
            access.save(update_fields=["revoked_at", "revoked_by"])
            _log(context, "care-access-ended", access)
            continue
        expires_at, needs = wanted.pop(access.organisation_id)
        if (access.expires_at, access.confidential_address_needed) != (expires_at, needs):
            access.expires_at, access.confidential_address_needed = expires_at, needs
            access.save(update_fields=["expires_at", "confidential_address_needed"])
            _log(
                context,
                "care-access-changed",
                access,
                expires_at=_iso(expires_at),
                confidential_address_needed=needs,
            )
    for provider_id, (expires_at, needs) in wanted.items():
        from huisverbod.accounts.models import Organisation

        access = grant(
            case,
            Organisation.objects.get(pk=provider_id),
            Reason.REFERRAL,
            by=by,
            scope=Scope.CARE,
            expires_at=expires_at,
            confidential_address_needed=needs,
            note="referral",
        )
        _log(
            context,
            "care-access-granted",
            access,
            expires_at=_iso(expires_at),
            confidential_address_needed=needs,
        )


def end_care_access(now: datetime) -> int:
    """The worker's periodic job: record the end of every care grant whose monitoring has ended.

    A grant stops giving access at its expiry by itself (the queries compare it with the clock);
    this job closes it and writes the processing log, once: each grant in its own transaction,
    locked, so two workers never log one expiry twice."""
    context = AuditContext.for_system("end_care_access")
    ended = 0
    due = CaseAccess.objects.filter(
        reason=Reason.REFERRAL, scope=Scope.CARE, revoked_at__isnull=True, expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            access = (
                CaseAccess.objects.select_for_update(skip_locked=True)
                .select_related("case", "organisation")
                .filter(pk=pk, revoked_at__isnull=True)
                .first()
            )
            if access is None:
                continue
            _expire(access, now, context)
            ended += 1
    return ended
