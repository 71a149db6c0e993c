"""Deciding and applying a step in an order's life: the table, the role, then the guards.

``check_transition`` never raises for a refusal: it returns a ``Decision`` with a stable
``code``, an English ``message`` (a gettext msgid with ``{placeholders}``, so the UI can show
Dutch) and its ``params``. ``apply`` raises ``TransitionRefused`` carrying that decision.
Programming errors (a naive datetime, a timeline that contradicts the state) raise ValueError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING

from huisverbod.core.calendar.instants import as_utc, isoformat
from huisverbod.core.orders.deadlines import Closed, closed_by, current_end, latest_extension_end
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.transitions import Transition, actions_from, transition
from huisverbod.core.orders.vocabulary import ActorRole, ImpositionForm, OrderAction, OrderState

if TYPE_CHECKING:
    # Only a type here. Importing huisverbod.core.law.parameters first, before the case-file
    # package, fails on an import cycle law -> casefile -> law (docs/deadlines.md, open issues).
    from huisverbod.core.law.parameters import LawParameters

NO_ACTIONS = "none: the order has ended (a repeat huisverbod on new facts is a new order)"


@dataclass(frozen=True)
class TransitionContext:
    """What a step needs to know besides the state: the order's facts and the step's input."""

    timeline: OrderTimeline
    parameters: LawParameters
    new_end: datetime | None = None  # extend: the end asked for
    reason: str = ""  # extend: why the threat continues; withdraw: why the order is withdrawn
    court_decision: str = ""  # annul: the court, date and case number or ECLI


@dataclass(frozen=True)
class Decision:
    allowed: bool
    code: str  # stable id, e.g. "extension_beyond_maximum"
    message: str  # English msgid with {placeholders}
    params: Mapping[str, str] = field(default_factory=dict, hash=False)
    legal_basis: str = ""

    @property
    def text(self) -> str:
        """The message in English with its parameters filled in."""
        return self.message.format(**self.params)


class TransitionRefused(Exception):
    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__(f"{decision.code}: {decision.text}")


@dataclass(frozen=True)
class Transitioned:
    state: OrderState
    timeline: OrderTimeline  # with this step's facts recorded
    decision: Decision
    deadlines: Closed  # the deadlines this step met and those it made void


def allowed_actions(state: OrderState, actor_role: ActorRole | None = None) -> tuple[OrderAction, ...]:
    """The actions the table allows in ``state``, for ``actor_role`` if given (guards not applied)."""
    return tuple(
        action
        for action in actions_from(state)
        if actor_role is None or actor_role in _row(state, action).roles
    )


def check_transition(
    state: OrderState,
    action: OrderAction,
    actor_role: ActorRole,
    at: datetime,
    context: TransitionContext,
) -> Decision:
    """May ``actor_role`` take ``action`` on an order in ``state`` at ``at``?"""
    if at.tzinfo is None:
        raise ValueError("the moment of an action needs a timezone offset")
    row = transition(state, action)
    if row is None:
        allowed = ", ".join(actions_from(state)) or NO_ACTIONS
        return _refused(
            "action_not_allowed_in_state",
            "An order in state '{state}' cannot take the action '{action}'. "
            "Allowed in this state: {allowed}.",
            {"state": state, "action": action, "allowed": allowed},
        )
    if actor_role not in row.roles:
        return _refused(
            "role_not_allowed",
            "The role '{role}' may not take the action '{action}'; it is reserved to {roles} ({basis}).",
            {
                "role": actor_role,
                "action": action,
                "roles": ", ".join(sorted(row.roles)),
                "basis": row.roles_basis,
            },
            row.roles_basis,
        )
    refusal = _GUARDS[action](row, at, context)
    if refusal is not None:
        return refusal
    return _decision(
        True,
        "allowed",
        "'{action}' by '{role}' is allowed ({basis}).",
        {"action": action, "role": actor_role, "basis": row.legal_basis},
        row.legal_basis,
    )


def apply(
    state: OrderState,
    action: OrderAction,
    actor_role: ActorRole,
    at: datetime,
    context: TransitionContext,
) -> Transitioned:
    """Take the step: the new state, the timeline with the step recorded, and closed deadlines."""
    decision = check_transition(state, action, actor_role, at, context)
    if not decision.allowed:
        raise TransitionRefused(decision)
    row = _row(state, action)
    timeline = _record(action, at, context)
    return Transitioned(row.target, timeline, decision, closed_by(state, action, row.target))


def _row(state: OrderState, action: OrderAction) -> Transition:
    row = transition(state, action)
    if row is None:  # pragma: no cover - callers look the row up first
        raise KeyError((state, action))
    return row


def _refused(code: str, message: str, params: Mapping[str, str], legal_basis: str = "") -> Decision:
    return _decision(False, code, message, params, legal_basis)


def _decision(
    allowed: bool, code: str, message: str, params: Mapping[str, str], legal_basis: str
) -> Decision:
    # Plain strings (not StrEnum members) in a read-only mapping: ready for JSON and gettext.
    plain = MappingProxyType({key: str(value) for key, value in params.items()})
    return Decision(allowed, code, message, plain, legal_basis)


# --- guards: each returns a refusal, or None when the step may go ahead ---------------------

Guard = Callable[[Transition, datetime, TransitionContext], Decision | None]


def _imposed_at(row: Transition, context: TransitionContext) -> datetime:
    imposed_at = context.timeline.imposed_at
    if imposed_at is None:
        raise ValueError(f"an order in state {row.source} needs the moment it was imposed")
    return imposed_at


def _not_yet_imposed(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    if context.timeline.imposed_at is not None:
        raise ValueError("a prepared order cannot already have been imposed")
    return None


def _after_imposition(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    imposed_at = _imposed_at(row, context)
    if as_utc(at) < as_utc(imposed_at):
        return _refused(
            "before_imposition",
            "'{action}' at {at} would come before the order was imposed at {imposed_at}.",
            {"action": row.action, "at": isoformat(at), "imposed_at": isoformat(imposed_at)},
        )
    return None


def _while_in_force(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    refusal = _after_imposition(row, at, context)
    if refusal is not None:
        return refusal
    end = current_end(context.timeline, context.parameters)
    if as_utc(at) >= as_utc(end):
        return _refused(
            "order_has_ended",
            "The order ended at {end}; '{action}' is no longer possible. Record its expiry.",
            {"end": isoformat(end), "action": row.action},
            row.legal_basis,
        )
    return None


def _extension(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    """Art. 9 lid 1 Wth: while in force, to a later end at most four weeks after imposition."""
    refusal = _while_in_force(row, at, context)
    if refusal is not None:
        return refusal
    basis = row.legal_basis
    refusal = _required(
        context.reason,
        "extension_reason_required",
        "An extension needs the reason the threat continues: art. 9 lid 1 Wth allows it only if "
        "the danger, or the serious suspicion of it, continues ('zich voortzet').",
        basis,
    )
    if refusal is not None:
        return refusal
    new_end = context.new_end
    if new_end is None:
        return _refused("extension_end_required", "An extension must state its new end.", {}, basis)
    if new_end.tzinfo is None:
        raise ValueError("the new end of an extension needs a timezone offset")
    end = current_end(context.timeline, context.parameters)
    if as_utc(new_end) <= as_utc(end):
        return _refused(
            "extension_not_later",
            "The new end {new_end} must come after the current end {current_end}.",
            {"new_end": isoformat(new_end), "current_end": isoformat(end)},
            basis,
        )
    latest = latest_extension_end(_imposed_at(row, context), context.parameters)
    if as_utc(new_end) > as_utc(latest):
        return _refused(
            "extension_beyond_maximum",
            "The new end {new_end} is later than {max_days} days after the order was imposed; art. 9 "
            "lid 1 Wth allows an extension to at most four weeks after imposition, here {latest_end}.",
            {
                "new_end": isoformat(new_end),
                "max_days": str(context.parameters.order.max_duration_days),
                "latest_end": isoformat(latest),
            },
            basis,
        )
    return None


def _withdrawal(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    return _while_in_force(row, at, context) or _required(
        context.reason,
        "withdrawal_reason_required",
        "A withdrawal needs its reason: a decision must rest on sound reasons (art. 3:46 Awb).",
        "art. 3:46 Awb",
    )


def _expiry(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    end = current_end(context.timeline, context.parameters)
    if as_utc(at) < as_utc(end):
        return _refused(
            "not_yet_ended",
            "The order is in force until {end}; it expires only from then.",
            {"end": isoformat(end)},
            row.legal_basis,
        )
    return None


def _annulment(row: Transition, at: datetime, context: TransitionContext) -> Decision | None:
    return _after_imposition(row, at, context) or _required(
        context.court_decision,
        "court_decision_required",
        "Recording an annulment needs the court's decision: court, date, and case number or ECLI.",
        row.legal_basis,
    )


def _required(text: str, code: str, message: str, legal_basis: str) -> Decision | None:
    """A refusal when a reason or reference the step needs is missing or blank."""
    return None if text.strip() else _refused(code, message, {}, legal_basis)


_GUARDS: Mapping[OrderAction, Guard] = MappingProxyType(
    {
        OrderAction.IMPOSE_ORALLY: _not_yet_imposed,
        OrderAction.IMPOSE_IN_WRITING: _not_yet_imposed,
        OrderAction.CONFIRM_IN_WRITING: _while_in_force,
        OrderAction.EXTEND: _extension,
        OrderAction.WITHDRAW: _withdrawal,
        OrderAction.EXPIRE: _expiry,
        OrderAction.ANNUL: _annulment,
    }
)


def _record(action: OrderAction, at: datetime, context: TransitionContext) -> OrderTimeline:
    """The timeline with the facts of ``action`` recorded (a further extension sets the new end)."""
    timeline = context.timeline
    if action is OrderAction.IMPOSE_ORALLY:
        return replace(timeline, imposed_at=at, imposition_form=ImpositionForm.ORAL)
    if action is OrderAction.IMPOSE_IN_WRITING:
        return replace(
            timeline, imposed_at=at, imposition_form=ImpositionForm.WRITTEN, written_beschikking_at=at
        )
    if action is OrderAction.CONFIRM_IN_WRITING:
        return replace(timeline, written_beschikking_at=at)
    if action is OrderAction.EXTEND:
        return replace(timeline, extended_at=at, extended_until=context.new_end)
    if action is OrderAction.EXPIRE:
        # The order ended at its end, whenever the worker noticed.
        return replace(timeline, ended_at=current_end(timeline, context.parameters))
    # Withdrawal ends the order now; an annulment of an order that already ended keeps that end.
    return replace(timeline, ended_at=timeline.ended_at or at)
