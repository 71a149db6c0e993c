"""The extension advice: does the threat continue, has help started and for whom, what do the
parties say — and is a waiting list the only open issue?

art. 9 lid 1 Wth allows an extension only when the threat of danger, or the serious suspicion of
it, continues. Courts accept help that has not properly started as one factor next to a
continuing threat; the seed document names the abuse: orders extended because help is on a
waiting list ("oneigenlijk verlengd"). So a waiting list with no new sign of threat since the
imposition is flagged as an improper reason, and extending anyway needs a recorded reason.
The advice advises; the mayor decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from huisverbod.core.casefile.vocabulary import FACT_TYPES, FactGroup
from huisverbod.core.monitoring.referrals import PENDING, ReferralStatus

# Facts that say something about the threat itself: every part of an incident, and the signs of
# danger about the person and the household. Not in it: help (accepted, on a waiting list,
# without result) and neutral circumstances (children in the household, work, isolation).
THREAT_FACT_TYPES = frozenset(
    {t for t, group in FACT_TYPES.items() if group == FactGroup.INCIDENT}
    | {
        "prior_domestic_violence",
        "prior_report",
        "prior_order_violation",
        "weapon_access",
        "suicide_threat_perpetrator",
        "jealousy_or_control",
        "denies_or_minimises",
        "refuses_help",
        "victim_fear",
        "children_afraid",
        "suicide_attempt_victim",
        "structural_unsafety",
    }
)
WAITING_LIST_FACT_TYPES = frozenset({"help_waiting_list"})
# Timeline entries that signal a continuing threat.
SIGNAL_KINDS = frozenset({"signal_violation", "signal_incident", "signal_worry"})


class Conclusion(StrEnum):
    THREAT_CONTINUES = "threat_continues"  # new signs of threat: an extension can rest on them
    WAITING_LIST_ONLY = "waiting_list_only"  # no new threat, help waits: improper as a reason
    NO_NEW_THREAT = "no_new_threat"  # nothing recorded since the imposition that shows a threat


@dataclass(frozen=True)
class FactSeen:
    id: str
    type: str
    recorded_at: datetime
    source: str


@dataclass(frozen=True)
class SignalSeen:
    entry: int
    kind: str
    at: datetime


@dataclass(frozen=True)
class HelpSeen:
    """One piece of help for one person: a referral, or a care-plan item without one."""

    person: str
    status: str  # a ReferralStatus, or a care-plan status for help arranged outside a referral
    started_on: date | None
    expected_start: date | None
    referral: int | None = None
    service: str = ""


@dataclass(frozen=True)
class AdviceInput:
    imposed_at: datetime
    ends_on: date
    facts: tuple[FactSeen, ...]
    signals: tuple[SignalSeen, ...]
    violations: tuple[datetime, ...]
    help: tuple[HelpSeen, ...]
    persons: tuple[str, ...]  # everyone involved, in the case's order


@dataclass(frozen=True)
class PersonHelp:
    person: str
    started_on: date | None  # the first help that started
    waiting: tuple[HelpSeen, ...]


@dataclass(frozen=True)
class Advice:
    threat_facts: tuple[FactSeen, ...]
    signals: tuple[SignalSeen, ...]
    violations: tuple[datetime, ...]
    waiting: tuple[HelpSeen, ...]
    waiting_list_facts: tuple[FactSeen, ...]
    persons: tuple[PersonHelp, ...]
    conclusion: Conclusion

    @property
    def threat_continues(self) -> bool:
        return self.conclusion == Conclusion.THREAT_CONTINUES

    @property
    def improper_if_extended(self) -> bool:
        return self.conclusion == Conclusion.WAITING_LIST_ONLY


def is_waiting(help_: HelpSeen, ends_on: date) -> bool:
    """On a waiting list, or pending with a start after the order's current end."""
    if help_.started_on is not None:
        return False
    if help_.status == ReferralStatus.WAITING_LIST:
        return True
    pending = help_.status in {s.value for s in PENDING}
    return pending and help_.expected_start is not None and help_.expected_start > ends_on


def advise(data: AdviceInput) -> Advice:
    since = [f for f in data.facts if f.recorded_at >= data.imposed_at]
    threat_facts = tuple(f for f in since if f.type in THREAT_FACT_TYPES)
    waiting_facts = tuple(f for f in since if f.type in WAITING_LIST_FACT_TYPES)
    signals = tuple(s for s in data.signals if s.kind in SIGNAL_KINDS and s.at >= data.imposed_at)
    violations = tuple(v for v in data.violations if v >= data.imposed_at)
    waiting = tuple(h for h in data.help if is_waiting(h, data.ends_on))
    persons = tuple(
        PersonHelp(
            person=person,
            started_on=min(
                (h.started_on for h in data.help if h.person == person and h.started_on), default=None
            ),
            waiting=tuple(h for h in waiting if h.person == person),
        )
        for person in data.persons
    )
    if threat_facts or signals or violations:
        conclusion = Conclusion.THREAT_CONTINUES
    elif waiting or waiting_facts:
        conclusion = Conclusion.WAITING_LIST_ONLY
    else:
        conclusion = Conclusion.NO_NEW_THREAT
    return Advice(threat_facts, signals, violations, waiting, waiting_facts, persons, conclusion)
