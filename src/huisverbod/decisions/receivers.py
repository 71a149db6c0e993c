"""An imposed order records the decision to impose it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from huisverbod.decisions.services import record_order_decision
from huisverbod.orders.models import OrderEvent

IMPOSING = {"impose_orally", "impose_in_writing"}


@receiver(post_save, sender=OrderEvent, dispatch_uid="decisions-order-imposed")
def order_imposed(sender: Any, instance: OrderEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.action in IMPOSING:
        record_order_decision(instance.order, at=instance.at, actor=instance.actor)
