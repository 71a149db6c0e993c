"""Deadlines as rows: what the core computes for the order's state and timeline, kept in the
database, with one reminder row (the outbox) per deadline moment."""

from __future__ import annotations

from datetime import datetime

from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.deadlines import Closed, DeadlineKind, deadlines_for
from huisverbod.orders.models import Deadline, DeadlineStatus, Order, Reminder, ReminderStatus

# Deadlines that only inform: the end itself is handled by expiry, not by a reminder.
NO_REMINDER = {DeadlineKind.ENDS_AT.value, DeadlineKind.LATEST_EXTENSION_END.value}


def reminder_key(order: Order, kind: str, due_at: datetime) -> str:
    return f"order:{order.pk}:{kind}:{int(due_at.timestamp())}"


def sync_deadlines(order: Order, *, closed: Closed | None, at: datetime) -> None:
    """Bring the order's deadline rows in line with what applies now.

    New deadlines are added with their reminder; a deadline whose moment moved (an extension)
    gets a new reminder and the old one is voided; deadlines that no longer apply are closed:
    met if this step fulfilled them, otherwise void."""
    law = parameter_set(order.parameter_set)
    wanted = {d.kind: d for d in deadlines_for(order.order_state, order.timeline(), law)}
    fulfilled = {k.value for k in closed.fulfilled} if closed is not None else set()
    if order.reachability_stated_at is not None:
        fulfilled.add(DeadlineKind.REACHABILITY_STATEMENT_DUE.value)
    existing = {d.kind: d for d in order.deadlines.all()}
    for kind, deadline in existing.items():
        if deadline.status != DeadlineStatus.OPEN:
            continue
        met = kind in fulfilled or (
            kind.startswith("extension_reminder_day_") and "extension_reminder" in fulfilled
        )
        if kind not in wanted or met:
            deadline.status = DeadlineStatus.MET if met else DeadlineStatus.VOID
            deadline.closed_at = at
            deadline.save(update_fields=["status", "closed_at"])
            deadline.reminders.filter(status=ReminderStatus.PENDING).update(status=ReminderStatus.VOID)
    for kind, computed in wanted.items():
        row = existing.get(kind)
        if row is None:
            if kind in fulfilled:
                continue
            row = Deadline.objects.create(
                order=order,
                kind=kind,
                due_at=computed.due_at,
                legal_basis=computed.legal_basis,
                description_key=computed.description_key,
            )
        elif row.status != DeadlineStatus.OPEN:
            continue
        elif row.due_at != computed.due_at:
            row.due_at = computed.due_at
            row.save(update_fields=["due_at"])
            row.reminders.filter(status=ReminderStatus.PENDING).update(status=ReminderStatus.VOID)
        if kind not in NO_REMINDER:
            Reminder.objects.get_or_create(
                key=reminder_key(order, kind, row.due_at), defaults={"deadline": row, "fire_at": row.due_at}
            )
