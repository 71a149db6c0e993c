"""One receiver per event of the order: its decisions on the timeline, and the care providers'
access following the end of monitoring (an extension moves it; an end starts the countdown)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisverbod.audit.log import AuditContext
from huisverbod.monitoring.access import care_grants, sync_care_access
from huisverbod.monitoring.models import EntryKind, Visibility
from huisverbod.monitoring.timeline import system_entry
from huisverbod.orders.models import OrderEvent, Violation

SHOWS_END = {"impose_orally", "impose_in_writing", "confirm_in_writing", "extend"}


@receiver(post_save, sender=OrderEvent, dispatch_uid="monitoring-order-event")
def order_event_on_timeline(sender: Any, instance: OrderEvent, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    order = instance.order
    with translation.override(settings.LANGUAGE_CODE):
        text = f"{instance.get_action_display()} ({order.number})."
        if instance.action in SHOWS_END and order.ends_at is not None:
            text += " " + _("It ends on %(end)s.") % {
                "end": timezone.localtime(order.ends_at).strftime("%d-%m-%Y %H:%M")
            }
    # Decisions are notified by the order itself; the reason stays on the order page.
    system_entry(
        order.case,
        kind=EntryKind.DECISION,
        visibility=Visibility.ALL_INVOLVED,
        text=text,
        occurred_at=instance.at,
        source_key=f"order-event:{instance.pk}",
        author=instance.actor,
        notify=False,
    )
    if order.referrals.exists() or care_grants(order.case):
        sync_care_access(order.case, AuditContext.for_system("monitoring"))


@receiver(post_save, sender=Violation, dispatch_uid="monitoring-violation")
def violation_on_timeline(sender: Any, instance: Violation, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    order = instance.order
    system_entry(
        order.case,
        kind=EntryKind.SIGNAL_VIOLATION,
        visibility=Visibility.PROFESSIONALS_ONLY,  # a police matter (art. 11 Wth)
        text=instance.description,
        occurred_at=instance.occurred_at,
        source_key=f"violation:{instance.pk}",
        author=instance.reported_by,
        party=order.perpetrator,
        notify=False,
    )
