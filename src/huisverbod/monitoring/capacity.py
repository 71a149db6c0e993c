"""Care services and their capacity: what a provider offers, its free places and waiting time,
kept up to date by the provider's own staff; and whether help can start before the order ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.core.monitoring.capacity import Offer, StartCheck, alternatives, check
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CareService
from huisverbod.orders.models import Order


def offer_of(service: CareService) -> Offer:
    return Offer(
        id=service.pk,
        kind=service.kind,
        name=service.name,
        provider=service.provider.name,
        free_places=service.free_places,
        waiting_days=service.waiting_days,
    )


def services_for(order: Order | None = None) -> QuerySet[CareService]:
    """Active services; for an order, those that serve its municipality (or everywhere)."""
    services = CareService.objects.filter(active=True).select_related("provider", "updated_by")
    if order is not None:
        services = services.filter(Q(municipalities=order.municipality) | Q(municipalities__isnull=True))
    return services.distinct().order_by("kind", "provider__name", "name")


def own_services(user: User) -> QuerySet[CareService]:
    """The services a care professional keeps up to date: those of the own organisation."""
    if not can(user, Action.MANAGE_CAPACITY) or user.organisation_id is None:
        return CareService.objects.none()
    return CareService.objects.filter(provider_id=user.organisation_id).order_by("kind", "name")


def update_capacity(service: CareService, actor: User, *, free_places: int, waiting_days: int) -> CareService:
    if not own_services(actor).filter(pk=service.pk).exists():
        raise MonitoringError("only the provider's own staff keep its capacity up to date", code="forbidden")
    if free_places < 0 or waiting_days < 0:
        raise MonitoringError("places and days cannot be negative", field="free_places")
    service.free_places, service.waiting_days, service.updated_by = free_places, waiting_days, actor
    service.save(update_fields=["free_places", "waiting_days", "updated_by", "updated_at"])
    return service


@dataclass(frozen=True)
class CapacityCheck:
    """For a chosen service: when help could start, against the order's end and the latest end an
    extension allows; and the alternatives of the same kind, soonest first."""

    chosen: StartCheck
    service: CareService
    alternatives: list[tuple[StartCheck, CareService]]
    ends_on: date
    latest_end_on: date | None


def capacity_check(service: CareService, order: Order, today: date | None = None) -> CapacityCheck:
    today = today or timezone.localdate()
    if order.ends_at is None:
        raise MonitoringError("the order is not imposed: it has no end yet", code="no_end")
    ends_on = timezone.localdate(order.ends_at)
    latest = timezone.localdate(order.latest_extension_end) if order.latest_extension_end else None
    if order.order_state.ended:
        latest = ends_on  # an ended order cannot be extended
    candidates = {s.pk: s for s in services_for(order).filter(kind=service.kind)}
    candidates.setdefault(service.pk, service)
    offers = [offer_of(s) for s in candidates.values()]
    chosen = check(offer_of(service), today, ends_on, latest)
    found = alternatives(chosen.offer, offers, today, ends_on, latest)
    return CapacityCheck(chosen, service, [(c, candidates[c.offer.id]) for c in found], ends_on, latest)
