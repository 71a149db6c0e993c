"""The allowed transitions of a huisverbod: one row per (state, action), with its legal basis.

A step that is not a row here is refused (``lifecycle.check_transition``). Rows are added only
with the article that allows them; the table never leads from an ended state back into force: a
repeat huisverbod on new facts is a new order (burgemeesters.nl, domain brief 1.2).

Who may act:
- imposing: the burgemeester (art. 2 lid 1 Wth), an official acting for him, or the hulpofficier
  van justitie under mandate (art. 3 Wth);
- extending and withdrawing: the burgemeester or an official acting for him only; art. 3 Wth does
  not allow these powers to be mandated to the hulpofficier van justitie;
- expiry: the system, when the end is reached;
- recording a court's annulment: the mayor's office, which is the party in the appeal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from huisverbod.core.orders.vocabulary import ActorRole, OrderAction, OrderState

IMPOSING_ROLES = frozenset(
    {ActorRole.MAYOR, ActorRole.MUNICIPAL_OFFICER, ActorRole.ASSISTANT_PUBLIC_PROSECUTOR}
)
MAYORAL_ROLES = frozenset({ActorRole.MAYOR, ActorRole.MUNICIPAL_OFFICER})
SYSTEM_ROLES = frozenset({ActorRole.SYSTEM})

IMPOSING_ROLES_BASIS = (
    "art. 2 lid 1 Wth: the burgemeester imposes; "
    "art. 3 Wth: he may mandate imposing to the hulpofficier van justitie"
)
MAYORAL_ROLES_BASIS = (
    "art. 3 Wth: extending and withdrawing cannot be mandated to the hulpofficier van justitie; "
    "only the burgemeester, or an official acting for him, decides"
)
SYSTEM_ROLES_BASIS = "the order ends by operation of law when its term has run out; the system records it"
COURT_RECORD_ROLES_BASIS = "the mayor's office is the party in the appeal and records the court's decision"

WITHDRAWAL_BASIS = "art. 2 lid 1 Wth: the grounds no longer hold (ex nunc; ABRvS); art. 3 Wth: not mandated"
ANNULMENT_BASIS = "art. 8:72 lid 1 Awb (vernietiging), art. 8:86 Awb; art. 9 lid 2 Wth for an extension"


@dataclass(frozen=True)
class Transition:
    source: OrderState
    action: OrderAction
    target: OrderState
    roles: frozenset[ActorRole]
    legal_basis: str  # the article that allows this step
    roles_basis: str  # why these roles, and no others, may take it


def _row(
    source: OrderState, action: OrderAction, target: OrderState, roles: frozenset[ActorRole], basis: str
) -> Transition:
    roles_basis = {
        IMPOSING_ROLES: IMPOSING_ROLES_BASIS,
        MAYORAL_ROLES: MAYORAL_ROLES_BASIS if action is not OrderAction.ANNUL else COURT_RECORD_ROLES_BASIS,
        SYSTEM_ROLES: SYSTEM_ROLES_BASIS,
    }[roles]
    return Transition(source, action, target, roles, basis, roles_basis)


S = OrderState
A = OrderAction

TRANSITIONS: tuple[Transition, ...] = (
    _row(S.PREPARED, A.IMPOSE_ORALLY, S.IMPOSED_ORALLY, IMPOSING_ROLES, "art. 2 lid 1 en lid 7 Wth"),
    _row(S.PREPARED, A.IMPOSE_IN_WRITING, S.IMPOSED, IMPOSING_ROLES, "art. 2 lid 1 Wth"),
    _row(S.IMPOSED_ORALLY, A.CONFIRM_IN_WRITING, S.IMPOSED, IMPOSING_ROLES, "art. 2 lid 7 Wth"),
    # An extension extends a written beschikking (art. 9 lid 1 applies art. 2 lid 4 accordingly),
    # so an oral order is confirmed in writing first. A second extension within the four weeks
    # is allowed: art. 9 lid 1 limits the end, not the number of decisions.
    _row(S.IMPOSED, A.EXTEND, S.EXTENDED, MAYORAL_ROLES, "art. 9 lid 1 Wth"),
    _row(S.EXTENDED, A.EXTEND, S.EXTENDED, MAYORAL_ROLES, "art. 9 lid 1 Wth"),
    _row(S.IMPOSED_ORALLY, A.WITHDRAW, S.ENDED_WITHDRAWN, MAYORAL_ROLES, WITHDRAWAL_BASIS),
    _row(S.IMPOSED, A.WITHDRAW, S.ENDED_WITHDRAWN, MAYORAL_ROLES, WITHDRAWAL_BASIS),
    _row(S.EXTENDED, A.WITHDRAW, S.ENDED_WITHDRAWN, MAYORAL_ROLES, WITHDRAWAL_BASIS),
    _row(S.IMPOSED_ORALLY, A.EXPIRE, S.ENDED_EXPIRED, SYSTEM_ROLES, "art. 2 lid 1 Wth (tien dagen)"),
    _row(S.IMPOSED, A.EXPIRE, S.ENDED_EXPIRED, SYSTEM_ROLES, "art. 2 lid 1 Wth (tien dagen)"),
    _row(S.EXTENDED, A.EXPIRE, S.ENDED_EXPIRED, SYSTEM_ROLES, "art. 9 lid 1 Wth (einde verlenging)"),
    _row(S.IMPOSED_ORALLY, A.ANNUL, S.ENDED_ANNULLED, MAYORAL_ROLES, ANNULMENT_BASIS),
    _row(S.IMPOSED, A.ANNUL, S.ENDED_ANNULLED, MAYORAL_ROLES, ANNULMENT_BASIS),
    _row(S.EXTENDED, A.ANNUL, S.ENDED_ANNULLED, MAYORAL_ROLES, ANNULMENT_BASIS),
    # The court still rules after the order has ended: the interest in review continues
    # (ABRvS 19 May 2010, 200907721/1/H3). Annulment after expiry or withdrawal is recorded too.
    _row(S.ENDED_EXPIRED, A.ANNUL, S.ENDED_ANNULLED, MAYORAL_ROLES, ANNULMENT_BASIS),
    _row(S.ENDED_WITHDRAWN, A.ANNUL, S.ENDED_ANNULLED, MAYORAL_ROLES, ANNULMENT_BASIS),
)

TABLE: Mapping[tuple[OrderState, OrderAction], Transition] = MappingProxyType(
    {(row.source, row.action): row for row in TRANSITIONS}
)


def transition(state: OrderState, action: OrderAction) -> Transition | None:
    return TABLE.get((state, action))


def actions_from(state: OrderState) -> tuple[OrderAction, ...]:
    """The actions the table allows in ``state``, in the order of ``OrderAction``."""
    return tuple(action for action in OrderAction if (state, action) in TABLE)
