"""A referral's statuses and the changes allowed between them, with who may make each.

The provider that received the referral says whether it accepts it, puts it on its waiting list,
starts the help, refuses it, or closes it when the help ends; the organisation that referred may
withdraw it while the help has not started.
"""

from __future__ import annotations

from enum import StrEnum


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    WAITING_LIST = "waiting_list"
    STARTED = "started"
    REFUSED = "refused"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class Side(StrEnum):
    PROVIDER = "provider"  # a care professional of the provider that received it
    REFERRER = "referrer"  # the professionals who may refer (police, Veilig Thuis, municipality)


S = ReferralStatus
FINAL = frozenset({S.REFUSED, S.CLOSED, S.WITHDRAWN})
OPEN = frozenset(S) - FINAL
# Help is not (yet) given: the referral waits on the provider.
PENDING = frozenset({S.SENT, S.ACCEPTED, S.WAITING_LIST})

TRANSITIONS: dict[tuple[ReferralStatus, ReferralStatus], Side] = {
    (S.SENT, S.ACCEPTED): Side.PROVIDER,
    (S.SENT, S.WAITING_LIST): Side.PROVIDER,
    (S.SENT, S.STARTED): Side.PROVIDER,
    (S.SENT, S.REFUSED): Side.PROVIDER,
    (S.SENT, S.WITHDRAWN): Side.REFERRER,
    (S.ACCEPTED, S.WAITING_LIST): Side.PROVIDER,
    (S.ACCEPTED, S.STARTED): Side.PROVIDER,
    (S.ACCEPTED, S.REFUSED): Side.PROVIDER,
    (S.ACCEPTED, S.WITHDRAWN): Side.REFERRER,
    (S.WAITING_LIST, S.ACCEPTED): Side.PROVIDER,
    (S.WAITING_LIST, S.STARTED): Side.PROVIDER,
    (S.WAITING_LIST, S.REFUSED): Side.PROVIDER,
    (S.WAITING_LIST, S.WITHDRAWN): Side.REFERRER,
    (S.STARTED, S.CLOSED): Side.PROVIDER,
}

# Changes that need a reason in the note: a refusal and a withdrawal must say why.
NEEDS_NOTE = frozenset({S.REFUSED, S.WITHDRAWN})


def allowed(current: ReferralStatus, sides: frozenset[Side]) -> list[ReferralStatus]:
    """The statuses a person on these sides may move the referral to, in the table's order."""
    return [to for (frm, to), side in TRANSITIONS.items() if frm == current and side in sides]


def may_change(current: ReferralStatus, to: ReferralStatus, sides: frozenset[Side]) -> bool:
    side = TRANSITIONS.get((current, to))
    return side is not None and side in sides
