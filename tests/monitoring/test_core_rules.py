"""The plain rules of monitoring: when help can start, the referral's status changes, the end of
monitoring, and the extension advice (waiting list alone is an improper reason)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from huisverbod.core.monitoring.advice import (
    AdviceInput,
    Conclusion,
    FactSeen,
    HelpSeen,
    SignalSeen,
    advise,
)
from huisverbod.core.monitoring.capacity import Offer, StartVerdict, alternatives, check
from huisverbod.core.monitoring.period import monitoring_end
from huisverbod.core.monitoring.referrals import ReferralStatus as S
from huisverbod.core.monitoring.referrals import Side, allowed, may_change

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = date(2021, 10, 22)
ENDS = date(2021, 10, 29)
LATEST = date(2021, 11, 16)


def offer(
    id_: int, waiting: int, free: int = 0, kind: str = "perpetrator_programme", name: str = ""
) -> Offer:
    return Offer(id_, kind, name or f"service {id_}", "provider", free, waiting)


@pytest.mark.parametrize(
    ("waiting", "verdict"),
    [
        (0, StartVerdict.BEFORE_END),
        (7, StartVerdict.BEFORE_END),  # starts on the order's last day: still in force
        (8, StartVerdict.ONLY_IF_EXTENDED),
        (25, StartVerdict.ONLY_IF_EXTENDED),
        (26, StartVerdict.AFTER_LATEST_END),
    ],
)
def test_can_help_start_before_the_order_ends(waiting, verdict):
    result = check(offer(1, waiting), TODAY, ENDS, LATEST)
    assert result.starts_on == TODAY + timedelta(days=waiting)
    assert result.verdict == verdict


def test_without_a_known_latest_end_a_late_start_is_after_it():
    assert check(offer(1, 10), TODAY, ENDS, None).verdict == StartVerdict.AFTER_LATEST_END


def test_alternatives_of_the_same_kind_with_capacity_sorted_by_start():
    chosen = offer(1, 21, free=0)
    others = [
        offer(2, 14, free=0),  # shorter wait, no place now: still an alternative
        offer(3, 5, free=2, name="B"),
        offer(4, 5, free=3, name="C"),  # same start as 3, more places: first
        offer(5, 30, free=0),  # longer wait, no place: not an alternative
        offer(6, 0, free=4, kind="victim_support"),  # another kind
        offer(7, 40, free=1),  # a free place, but a long wait: listed last
    ]
    found = alternatives(chosen, [chosen, *others], TODAY, ENDS, LATEST)
    assert [c.offer.id for c in found] == [4, 3, 2, 7]
    assert [c.verdict for c in found] == [
        StartVerdict.BEFORE_END,
        StartVerdict.BEFORE_END,
        StartVerdict.ONLY_IF_EXTENDED,
        StartVerdict.AFTER_LATEST_END,
    ]


@pytest.mark.parametrize(
    ("current", "to", "sides", "ok"),
    [
        (S.SENT, S.WAITING_LIST, {Side.PROVIDER}, True),
        (S.SENT, S.WAITING_LIST, {Side.REFERRER}, False),  # only the provider knows its list
        (S.WAITING_LIST, S.STARTED, {Side.PROVIDER}, True),
        (S.SENT, S.WITHDRAWN, {Side.REFERRER}, True),
        (S.SENT, S.WITHDRAWN, {Side.PROVIDER}, False),
        (S.STARTED, S.WITHDRAWN, {Side.REFERRER}, False),  # help started: the provider closes it
        (S.STARTED, S.CLOSED, {Side.PROVIDER}, True),
        (S.REFUSED, S.STARTED, {Side.PROVIDER}, False),  # final
        (S.CLOSED, S.STARTED, {Side.PROVIDER, Side.REFERRER}, False),
        (S.SENT, S.CLOSED, {Side.PROVIDER}, False),  # nothing to close before help started
    ],
)
def test_referral_status_changes(current, to, sides, ok):
    assert may_change(current, to, frozenset(sides)) is ok


def test_what_each_side_may_choose():
    assert allowed(S.SENT, frozenset({Side.PROVIDER})) == [S.ACCEPTED, S.WAITING_LIST, S.STARTED, S.REFUSED]
    assert allowed(S.WAITING_LIST, frozenset({Side.REFERRER})) == [S.WITHDRAWN]
    assert allowed(S.WITHDRAWN, frozenset(Side)) == []


def test_monitoring_ends_with_the_order_plus_follow_up_or_at_closing():
    end = datetime(2021, 10, 29, 21, 40, tzinfo=AMS)
    assert monitoring_end(end, 0) == end
    assert monitoring_end(end, 14) == end + timedelta(days=14)
    closed = datetime(2021, 10, 30, 10, 0, tzinfo=AMS)
    assert monitoring_end(end, 14, closed) == closed
    assert monitoring_end(end, 0, closed) == end  # closing later changes nothing
    assert monitoring_end(None, 0) is None
    with pytest.raises(ValueError):
        monitoring_end(end, -1)


IMPOSED = datetime(2021, 10, 19, 21, 40, tzinfo=AMS)
AFTER = IMPOSED + timedelta(days=2)
BEFORE = IMPOSED - timedelta(hours=1)
WAITING = HelpSeen("p1", "waiting_list", None, date(2021, 11, 9), referral=1, service="programme")


def data(**kw) -> AdviceInput:
    base = {
        "imposed_at": IMPOSED,
        "ends_on": ENDS,
        "facts": (),
        "signals": (),
        "violations": (),
        "help": (),
        "persons": ("p1", "p2", "p3"),
    }
    return AdviceInput(**{**base, **kw})


def test_a_waiting_list_alone_is_flagged_as_an_improper_reason():
    facts = (FactSeen("f1", "physical_violence", BEFORE, "police"),)  # known at the imposition
    result = advise(data(help=(WAITING,), facts=facts))
    assert result.conclusion == Conclusion.WAITING_LIST_ONLY
    assert result.improper_if_extended and not result.threat_continues
    assert result.waiting == (WAITING,)


@pytest.mark.parametrize(
    "threat",
    [
        {"facts": (FactSeen("f13", "threat", AFTER, "police"),)},
        {"facts": (FactSeen("f13", "victim_fear", AFTER, "veilig_thuis"),)},
        {"signals": (SignalSeen(4, "signal_worry", AFTER),)},
        {"violations": (AFTER,)},
    ],
)
def test_with_a_new_sign_of_threat_the_waiting_list_is_not_flagged(threat):
    result = advise(data(help=(WAITING,), **threat))
    assert result.conclusion == Conclusion.THREAT_CONTINUES
    assert not result.improper_if_extended


def test_what_does_not_count_as_a_new_threat():
    result = advise(
        data(
            facts=(
                FactSeen("f13", "help_accepted", AFTER, "care_provider"),  # help, not threat
                FactSeen("f1", "threat", BEFORE, "police"),  # before the imposition
            ),
            signals=(SignalSeen(3, "contact", AFTER), SignalSeen(2, "signal_worry", BEFORE)),
        )
    )
    assert result.conclusion == Conclusion.NO_NEW_THREAT and not result.improper_if_extended


def test_a_waiting_list_fact_counts_as_a_waiting_list():
    result = advise(data(facts=(FactSeen("f13", "help_waiting_list", AFTER, "veilig_thuis"),)))
    assert result.conclusion == Conclusion.WAITING_LIST_ONLY


def test_help_per_person_and_what_still_waits():
    started = HelpSeen("p2", "started", date(2021, 10, 21), None, referral=2)
    soon = HelpSeen("p3", "accepted", None, date(2021, 10, 25), referral=3)  # starts before the end
    late = HelpSeen("p3", "sent", None, date(2021, 11, 2), referral=4)  # pending beyond the end
    result = advise(data(help=(WAITING, started, soon, late)))
    by_person = {p.person: p for p in result.persons}
    assert by_person["p2"].started_on == date(2021, 10, 21)
    assert by_person["p1"].started_on is None and by_person["p1"].waiting == (WAITING,)
    assert by_person["p3"].waiting == (late,)
    assert result.waiting == (WAITING, late)
