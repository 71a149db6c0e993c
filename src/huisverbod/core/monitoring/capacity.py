"""Can help start before the order ends? Today plus a service's waiting time, against the order's
current end and the latest end an extension allows (art. 9 lid 1 Wth: four weeks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class StartVerdict(StrEnum):
    BEFORE_END = "before_end"  # help starts while the order is in force
    ONLY_IF_EXTENDED = "only_if_extended"  # after the current end, before the latest possible end
    AFTER_LATEST_END = "after_latest_end"  # not even an extension would cover it


@dataclass(frozen=True)
class Offer:
    """A care service's capacity as its provider last reported it."""

    id: int
    kind: str
    name: str
    provider: str
    free_places: int
    waiting_days: int


@dataclass(frozen=True)
class StartCheck:
    offer: Offer
    starts_on: date
    verdict: StartVerdict


def earliest_start(today: date, offer: Offer) -> date:
    """The waiting time is the provider's current estimate of days until help can start."""
    return today + timedelta(days=max(offer.waiting_days, 0))


def verdict(starts_on: date, ends_on: date, latest_end_on: date | None) -> StartVerdict:
    """Help that starts on the order's last day still starts while the order is in force."""
    if starts_on <= ends_on:
        return StartVerdict.BEFORE_END
    if latest_end_on is not None and starts_on <= latest_end_on:
        return StartVerdict.ONLY_IF_EXTENDED
    return StartVerdict.AFTER_LATEST_END


def check(offer: Offer, today: date, ends_on: date, latest_end_on: date | None) -> StartCheck:
    starts_on = earliest_start(today, offer)
    return StartCheck(offer, starts_on, verdict(starts_on, ends_on, latest_end_on))


def alternatives(
    chosen: Offer, offers: list[Offer], today: date, ends_on: date, latest_end_on: date | None
) -> list[StartCheck]:
    """Other services of the same kind with capacity — a free place, or a shorter wait than the
    chosen one — sorted by when help could start (then the most free places, then the name)."""
    found = [
        check(offer, today, ends_on, latest_end_on)
        for offer in offers
        if offer.id != chosen.id
        and offer.kind == chosen.kind
        and (offer.free_places > 0 or offer.waiting_days < chosen.waiting_days)
    ]
    return sorted(found, key=lambda c: (c.starts_on, -c.offer.free_places, c.offer.name, c.offer.id))
