"""The worker: expires orders, fires due reminders exactly once, sends the e-mail outbox.

Deadlines and reminders are rows, so the worker holds nothing in memory: after downtime it
catches up with everything that came due. Each batch of reminders becomes notifications and is
marked sent in ONE transaction: a crash (even kill -9) mid-batch rolls the whole batch back, and
the next run delivers it — never lost, never twice (the notification key is also unique per
organisation). On PostgreSQL several workers can run side by side (SKIP LOCKED).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import structlog
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from huisverbod.access.models import CaseAccess, Scope
from huisverbod.access.policy import CASE_ROLES
from huisverbod.accounts.models import Organisation, User
from huisverbod.notifications.models import Notification, OutgoingEmail
from huisverbod.orders.models import Reminder, ReminderStatus
from huisverbod.orders.notify import reminder_notifications
from huisverbod.orders.services import expire_due

log = structlog.get_logger(__name__)

# Other parts add their periodic jobs here (e.g. ending care access when monitoring ends).
PERIODIC_JOBS: list[Callable[[datetime], int]] = []


@dataclass
class RunStats:
    expired: int = 0
    reminders: int = 0
    emails: int = 0
    jobs: dict[str, int] = field(default_factory=dict)


def _pause() -> float:
    """Seconds to wait per reminder: 0 in production; tests set it to crash the worker mid-batch."""
    return float(os.environ.get("HUISVERBOD_WORKER_PAUSE", "0") or 0)


def deliver_reminders(now: datetime, batch_size: int = 500) -> int:
    delivered = 0
    pause = _pause()
    recipients: dict[int, list[Organisation]] = {}
    while True:
        with transaction.atomic():
            batch = list(
                Reminder.objects.select_for_update(skip_locked=True)
                .filter(status=ReminderStatus.PENDING, fire_at__lte=now)
                .select_related("deadline__order__case", "deadline__order__municipality")
                .order_by("fire_at", "pk")[:batch_size]
            )
            if not batch:
                return delivered
            case_ids = {r.deadline.order.case_id for r in batch} - recipients.keys()
            if case_ids:
                by_case: dict[int, set[int]] = defaultdict(set)
                grants = CaseAccess.objects.active(now).filter(case_id__in=case_ids, scope=Scope.FULL)
                for case_id, organisation_id in grants.values_list("case_id", "organisation_id"):
                    by_case[case_id].add(organisation_id)
                organisations = Organisation.objects.in_bulk({o for ids in by_case.values() for o in ids})
                for case_id in case_ids:
                    recipients[case_id] = [organisations[o] for o in sorted(by_case[case_id])]
            notifications = []
            for reminder in batch:
                order = reminder.deadline.order
                targets = recipients[order.case_id]
                if order.municipality not in targets:
                    targets = [*targets, order.municipality]
                notifications.extend(reminder_notifications(reminder.deadline, reminder.key, targets))
                if pause:
                    time.sleep(pause)
            Notification.objects.bulk_create(notifications, ignore_conflicts=True)
            _queue_emails([r.key for r in batch])
            Reminder.objects.filter(pk__in=[r.pk for r in batch]).update(
                status=ReminderStatus.SENT, sent_at=now
            )
        delivered += len(batch)
        log.info("reminders delivered", batch=len(batch), total=delivered)


def _queue_emails(keys: list[str]) -> None:
    fresh = Notification.objects.filter(key__in=keys, email__isnull=True).select_related("organisation")
    addresses: dict[int, list[str]] = {}
    emails = []
    for notification in fresh:
        if notification.organisation_id not in addresses:
            addresses[notification.organisation_id] = list(
                User.objects.filter(
                    organisation_id=notification.organisation_id, is_active=True, role__in=CASE_ROLES
                )
                .exclude(email="")
                .values_list("email", flat=True)
            )
        to = addresses[notification.organisation_id]
        if to:
            emails.append(
                OutgoingEmail(
                    notification=notification, to=to, subject=notification.subject, body=notification.body
                )
            )
    OutgoingEmail.objects.bulk_create(emails, ignore_conflicts=True)


def send_emails(batch_size: int = 100) -> int:
    """Send pending e-mails through Django's mail backend. A crash between sending and marking can
    send one twice: e-mail leaves the database, so only the in-app notification is exactly once."""
    sent = 0
    for email in OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=5).order_by("created_at")[
        :batch_size
    ]:
        try:
            EmailMessage(subject=email.subject, body=email.body, to=email.to).send()
        except Exception as exc:  # a mail server down must not stop the worker
            OutgoingEmail.objects.filter(pk=email.pk).update(
                attempts=email.attempts + 1, last_error=str(exc)[:500]
            )
            log.warning("e-mail not sent", email=email.pk, error=str(exc)[:200])
            continue
        OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), attempts=email.attempts + 1)
        sent += 1
    return sent


def run_once(now: datetime | None = None, batch_size: int = 500) -> RunStats:
    now = now or timezone.now()
    stats = RunStats()
    stats.expired = len(expire_due(now))
    stats.reminders = deliver_reminders(now, batch_size)
    for job in PERIODIC_JOBS:
        stats.jobs[job.__name__] = job(now)
    stats.emails = send_emails()
    return stats
