"""The huisverbod's lifecycle: the allowed-transitions table, the roles, and the guards of art. 9."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

import huisverbod.core.casefile  # noqa: F401  # first: law.parameters alone hits an import cycle
from huisverbod.core.calendar.instants import AMSTERDAM
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.lifecycle import (
    NO_ACTIONS,
    TransitionContext,
    TransitionRefused,
    allowed_actions,
    apply,
    check_transition,
)
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.transitions import (
    IMPOSING_ROLES,
    MAYORAL_ROLES,
    TABLE,
    TRANSITIONS,
    actions_from,
)
from huisverbod.core.orders.vocabulary import ENDED, ActorRole, ImpositionForm, OrderAction, OrderState

WTH = parameter_set("wth-2009")
S, A, R = OrderState, OrderAction, ActorRole

IMPOSED_AT = datetime(2021, 11, 6, 23, 40, tzinfo=AMSTERDAM)  # Saturday
ENDS_AT = datetime(2021, 11, 16, 23, 40, tzinfo=AMSTERDAM)  # art. 2 lid 1: ten days
LATEST_END = datetime(2021, 12, 4, 23, 40, tzinfo=AMSTERDAM)  # art. 9 lid 1: four weeks
DAY_9 = datetime(2021, 11, 15, 10, 0, tzinfo=AMSTERDAM)
EXTENSION_END = datetime(2021, 11, 30, 23, 40, tzinfo=AMSTERDAM)  # of the extended order below
COURT = {"court_decision": "Rb. Voorbeeld 15-11-2021, zaaknr. 21/1234"}


def timeline_in(state: OrderState) -> OrderTimeline:
    """A consistent timeline for an order in ``state``, imposed at IMPOSED_AT."""
    if state is S.PREPARED:
        return OrderTimeline()
    form = ImpositionForm.ORAL if state is S.IMPOSED_ORALLY else ImpositionForm.WRITTEN
    timeline = OrderTimeline(imposed_at=IMPOSED_AT, imposition_form=form)
    if state is S.EXTENDED:
        timeline = replace(timeline, extended_at=DAY_9, extended_until=EXTENSION_END)
    if state in ENDED:
        timeline = replace(timeline, ended_at=ENDS_AT)
    return timeline


def context(state: OrderState, **inputs: object) -> TransitionContext:
    return TransitionContext(timeline=timeline_in(state), parameters=WTH, **inputs)  # type: ignore[arg-type]


def check(
    state: OrderState, action: OrderAction, role: ActorRole, at: datetime, **inputs: object
) -> tuple[bool, str]:
    decision = check_transition(state, action, role, at, context(state, **inputs))
    return decision.allowed, decision.code


# Every row of the table, taken by an allowed role at a moment its guards accept.
# (state, action, role, at, inputs, new state, legal basis it must cite)
HOVJ, OFFICER = R.ASSISTANT_PUBLIC_PROSECUTOR, R.MUNICIPAL_OFFICER
TO_FOUR_WEEKS = {"new_end": LATEST_END, "reason": "the victim is still afraid"}
REASON = {"reason": "help accepted; the risk has decreased"}
LATER = ENDS_AT + timedelta(days=30)
ALLOWED = [
    (S.PREPARED, A.IMPOSE_ORALLY, HOVJ, IMPOSED_AT, {}, S.IMPOSED_ORALLY, "art. 2 lid 1 en lid 7"),
    (S.PREPARED, A.IMPOSE_IN_WRITING, R.MAYOR, IMPOSED_AT, {}, S.IMPOSED, "art. 2 lid 1"),
    (S.PREPARED, A.IMPOSE_IN_WRITING, OFFICER, IMPOSED_AT, {}, S.IMPOSED, "art. 2 lid 1"),
    (
        S.IMPOSED_ORALLY,
        A.CONFIRM_IN_WRITING,
        HOVJ,
        IMPOSED_AT + timedelta(hours=10),
        {},
        S.IMPOSED,
        "art. 2 lid 7",
    ),
    (S.IMPOSED, A.EXTEND, OFFICER, DAY_9, TO_FOUR_WEEKS, S.EXTENDED, "art. 9 lid 1"),
    (
        S.EXTENDED,
        A.EXTEND,
        R.MAYOR,
        EXTENSION_END - timedelta(days=1),
        TO_FOUR_WEEKS,
        S.EXTENDED,
        "art. 9 lid 1",
    ),
    (S.IMPOSED_ORALLY, A.WITHDRAW, R.MAYOR, DAY_9, REASON, S.ENDED_WITHDRAWN, "art. 3 Wth"),
    (S.IMPOSED, A.WITHDRAW, OFFICER, DAY_9, REASON, S.ENDED_WITHDRAWN, "art. 3 Wth"),
    (S.EXTENDED, A.WITHDRAW, R.MAYOR, DAY_9 + timedelta(days=2), REASON, S.ENDED_WITHDRAWN, "art. 3 Wth"),
    (S.IMPOSED_ORALLY, A.EXPIRE, R.SYSTEM, ENDS_AT, {}, S.ENDED_EXPIRED, "art. 2 lid 1"),
    (S.IMPOSED, A.EXPIRE, R.SYSTEM, ENDS_AT + timedelta(minutes=5), {}, S.ENDED_EXPIRED, "art. 2 lid 1"),
    (S.EXTENDED, A.EXPIRE, R.SYSTEM, EXTENSION_END, {}, S.ENDED_EXPIRED, "art. 9 lid 1"),
    (S.IMPOSED_ORALLY, A.ANNUL, OFFICER, DAY_9, COURT, S.ENDED_ANNULLED, "8:72"),
    (S.IMPOSED, A.ANNUL, OFFICER, DAY_9, COURT, S.ENDED_ANNULLED, "8:72"),
    (S.EXTENDED, A.ANNUL, R.MAYOR, DAY_9, COURT, S.ENDED_ANNULLED, "8:72"),
    (S.ENDED_EXPIRED, A.ANNUL, OFFICER, LATER, COURT, S.ENDED_ANNULLED, "8:72"),
    (S.ENDED_WITHDRAWN, A.ANNUL, OFFICER, LATER, COURT, S.ENDED_ANNULLED, "8:72"),
]


@pytest.mark.parametrize(
    ("state", "action", "role", "at", "inputs", "target", "basis"),
    ALLOWED,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ALLOWED],
)
def test_allowed_transitions(
    state: OrderState,
    action: OrderAction,
    role: ActorRole,
    at: datetime,
    inputs: dict[str, object],
    target: OrderState,
    basis: str,
) -> None:
    result = apply(state, action, role, at, context(state, **inputs))
    assert result.state is target
    assert result.decision.allowed
    assert basis in result.decision.legal_basis


def test_the_allowed_cases_cover_every_row_of_the_table() -> None:
    assert {(row[0], row[1]) for row in ALLOWED} == set(TABLE)


@pytest.mark.parametrize(
    ("state", "action"), sorted(set(itertools.product(OrderState, OrderAction)) - set(TABLE))
)
def test_every_state_action_pair_outside_the_table_is_refused(state: OrderState, action: OrderAction) -> None:
    # Generated from the enums, so a new state or action cannot slip past the table.
    decision = check_transition(state, action, R.MAYOR, DAY_9, context(state))
    assert not decision.allowed
    assert decision.code == "action_not_allowed_in_state"
    assert f"'{state}'" in decision.text
    assert decision.params["allowed"] == (", ".join(actions_from(state)) or NO_ACTIONS)
    with pytest.raises(TransitionRefused):
        apply(state, action, R.MAYOR, DAY_9, context(state))


def test_an_ended_order_names_what_is_still_possible_or_that_it_is_over() -> None:
    decision = check_transition(S.ENDED_ANNULLED, A.EXTEND, R.MAYOR, DAY_9, context(S.ENDED_ANNULLED))
    assert "a repeat huisverbod on new facts is a new order" in decision.text
    decision = check_transition(S.ENDED_EXPIRED, A.EXTEND, R.MAYOR, DAY_9, context(S.ENDED_EXPIRED))
    assert decision.params["allowed"] == "annul"


def test_no_row_leads_from_an_ended_order_back_into_force() -> None:
    assert all(row.target in ENDED for row in TRANSITIONS if row.source in ENDED)


def test_every_row_cites_its_legal_basis_and_why_these_roles() -> None:
    for row in TRANSITIONS:
        assert "art." in row.legal_basis, row
        assert row.roles, row
        assert row.roles_basis, row


def test_the_hulpofficier_only_imposes_and_confirms() -> None:
    # art. 3 Wth: mandate covers imposing; extending and withdrawing are not mandated.
    hovj_actions = {row.action for row in TRANSITIONS if R.ASSISTANT_PUBLIC_PROSECUTOR in row.roles}
    assert hovj_actions == {A.IMPOSE_ORALLY, A.IMPOSE_IN_WRITING, A.CONFIRM_IN_WRITING}


def test_only_the_system_lets_an_order_expire() -> None:
    assert {row.roles for row in TRANSITIONS if row.action is A.EXPIRE} == {frozenset({R.SYSTEM})}


# (state, action, role, inputs, why)
WRONG_ROLE = [
    (
        S.IMPOSED,
        A.EXTEND,
        R.ASSISTANT_PUBLIC_PROSECUTOR,
        {"new_end": LATEST_END, "reason": "x"},
        "art. 3: no mandate to extend",
    ),
    (S.IMPOSED, A.WITHDRAW, R.ASSISTANT_PUBLIC_PROSECUTOR, {"reason": "x"}, "art. 3: no mandate to withdraw"),
    (
        S.EXTENDED,
        A.EXTEND,
        R.ASSISTANT_PUBLIC_PROSECUTOR,
        {"new_end": LATEST_END, "reason": "x"},
        "art. 3: no mandate to extend",
    ),
    (S.PREPARED, A.IMPOSE_ORALLY, R.POLICE_OFFICER, {}, "a police officer is not the hulpofficier"),
    (
        S.PREPARED,
        A.IMPOSE_IN_WRITING,
        R.VEILIG_THUIS_PROFESSIONAL,
        {},
        "Veilig Thuis advises, it does not impose",
    ),
    (S.PREPARED, A.IMPOSE_IN_WRITING, R.CARE_PROFESSIONAL, {}, "care providers do not impose"),
    (S.IMPOSED, A.EXTEND, R.ANALYST, {"new_end": LATEST_END, "reason": "x"}, "analysts only read figures"),
    (S.IMPOSED, A.WITHDRAW, R.ADMINISTRATOR, {"reason": "x"}, "administrators do not decide"),
    (S.IMPOSED, A.EXPIRE, R.MAYOR, {}, "expiry is by operation of law, recorded by the system"),
    (S.IMPOSED, A.EXTEND, R.SYSTEM, {"new_end": LATEST_END, "reason": "x"}, "the system never decides"),
    (
        S.IMPOSED,
        A.ANNUL,
        R.POLICE_OFFICER,
        COURT,
        "the mayor's office records the court",
    ),
]


@pytest.mark.parametrize(
    ("state", "action", "role", "inputs", "why"), WRONG_ROLE, ids=[r[4] for r in WRONG_ROLE]
)
def test_roles_that_may_not_take_a_step_are_refused(
    state: OrderState, action: OrderAction, role: ActorRole, inputs: dict[str, object], why: str
) -> None:
    at = ENDS_AT if action is A.EXPIRE else DAY_9
    decision = check_transition(state, action, role, at, context(state, **inputs))
    assert not decision.allowed, why
    assert decision.code == "role_not_allowed"
    assert f"'{role}'" in decision.text


def test_a_hulpofficier_trying_to_extend_is_told_why() -> None:
    inputs = {"new_end": LATEST_END, "reason": "threat continues"}
    decision = check_transition(
        S.IMPOSED, A.EXTEND, R.ASSISTANT_PUBLIC_PROSECUTOR, DAY_9, context(S.IMPOSED, **inputs)
    )
    assert not decision.allowed
    assert "art. 3 Wth" in decision.text
    assert "cannot be mandated to the hulpofficier van justitie" in decision.text
    assert decision.params["roles"] == ", ".join(sorted(MAYORAL_ROLES))
    assert all(type(value) is str for value in decision.params.values())  # plain strings for JSON


# Art. 9 lid 1 Wth: extend while in force, to a later end, at most four weeks after imposition,
# because the threat continues. (at, inputs, code, why)
EXTENSION_REFUSALS = [
    (
        DAY_9,
        {"new_end": LATEST_END + timedelta(minutes=1), "reason": "x"},
        "extension_beyond_maximum",
        "one minute past four weeks",
    ),
    (
        DAY_9,
        {"new_end": datetime(2021, 12, 5, 12, 0, tzinfo=AMSTERDAM), "reason": "x"},
        "extension_beyond_maximum",
        "a day past four weeks",
    ),
    (DAY_9, {"new_end": ENDS_AT, "reason": "x"}, "extension_not_later", "the same end is no extension"),
    (
        DAY_9,
        {"new_end": ENDS_AT - timedelta(days=1), "reason": "x"},
        "extension_not_later",
        "an earlier end is no extension",
    ),
    (
        DAY_9,
        {"new_end": LATEST_END, "reason": "  "},
        "extension_reason_required",
        "no reason the threat continues",
    ),
    (DAY_9, {"reason": "x"}, "extension_end_required", "no new end"),
    (ENDS_AT, {"new_end": LATEST_END, "reason": "x"}, "order_has_ended", "at the end is too late"),
    (ENDS_AT + timedelta(days=1), {"new_end": LATEST_END, "reason": "x"}, "order_has_ended", "after the end"),
    (
        IMPOSED_AT - timedelta(hours=1),
        {"new_end": LATEST_END, "reason": "x"},
        "before_imposition",
        "before imposition",
    ),
]


@pytest.mark.parametrize(
    ("at", "inputs", "code", "why"), EXTENSION_REFUSALS, ids=[r[3] for r in EXTENSION_REFUSALS]
)
def test_extension_guards(at: datetime, inputs: dict[str, object], code: str, why: str) -> None:
    decision = check_transition(S.IMPOSED, A.EXTEND, R.MUNICIPAL_OFFICER, at, context(S.IMPOSED, **inputs))
    assert not decision.allowed, why
    assert decision.code == code, decision.text


def test_an_extension_past_four_weeks_cites_art_9_and_the_latest_end() -> None:
    inputs = {"new_end": datetime(2021, 12, 6, 23, 40, tzinfo=AMSTERDAM), "reason": "fear continues"}
    decision = check_transition(S.IMPOSED, A.EXTEND, R.MAYOR, DAY_9, context(S.IMPOSED, **inputs))
    assert decision.legal_basis == "art. 9 lid 1 Wth"
    assert decision.params["latest_end"] == "2021-12-04T23:40:00+01:00"
    assert "art. 9 lid 1 Wth" in decision.text
    assert decision.message.count("{") == len(decision.params)  # every placeholder has a value


def test_a_further_extension_is_still_bounded_by_four_weeks_after_imposition() -> None:
    beyond = {"new_end": LATEST_END + timedelta(days=1), "reason": "x"}
    assert check(S.EXTENDED, A.EXTEND, R.MAYOR, DAY_9, **beyond) == (False, "extension_beyond_maximum")
    earlier = {"new_end": datetime(2021, 11, 25, 23, 40, tzinfo=AMSTERDAM), "reason": "x"}
    assert check(S.EXTENDED, A.EXTEND, R.MAYOR, DAY_9, **earlier) == (False, "extension_not_later")


def test_an_oral_order_is_confirmed_in_writing_before_it_is_extended() -> None:
    inputs = {"new_end": LATEST_END, "reason": "x"}
    allowed, code = check(S.IMPOSED_ORALLY, A.EXTEND, R.MAYOR, DAY_9, **inputs)
    assert (allowed, code) == (False, "action_not_allowed_in_state")


EXPIRY = [
    (S.IMPOSED, ENDS_AT - timedelta(seconds=1), False, "a second before the ten days end"),
    (S.IMPOSED, ENDS_AT, True, "at the end"),
    (S.IMPOSED, ENDS_AT.astimezone(UTC), True, "at the end, told in UTC"),
    (S.EXTENDED, ENDS_AT + timedelta(days=1), False, "extended: the ten days no longer count"),
    (S.EXTENDED, EXTENSION_END, True, "at the extension's end"),
]


@pytest.mark.parametrize(("state", "at", "allowed", "why"), EXPIRY, ids=[r[3] for r in EXPIRY])
def test_expiry_only_from_the_end(state: OrderState, at: datetime, allowed: bool, why: str) -> None:
    assert check(state, A.EXPIRE, R.SYSTEM, at)[0] is allowed, why


def test_expiry_records_the_legal_end_even_when_the_worker_runs_late() -> None:
    result = apply(S.IMPOSED, A.EXPIRE, R.SYSTEM, ENDS_AT + timedelta(hours=3), context(S.IMPOSED))
    assert result.timeline.ended_at == ENDS_AT


def test_expiry_in_the_autumn_fold_compares_instants_not_wall_clocks() -> None:
    # Ends 02:30 CEST on 31 October 2021 (the first pass). 02:15 in the second, CET pass is 45
    # minutes after the end, though its wall clock reads earlier.
    imposed_at = datetime(2021, 10, 21, 2, 30, tzinfo=AMSTERDAM)
    timeline = OrderTimeline(imposed_at=imposed_at, imposition_form=ImpositionForm.WRITTEN)
    second_pass = datetime(2021, 10, 31, 2, 15, fold=1, tzinfo=AMSTERDAM)
    decision = check_transition(S.IMPOSED, A.EXPIRE, R.SYSTEM, second_pass, TransitionContext(timeline, WTH))
    assert decision.allowed


def test_withdrawal_needs_a_reason_and_an_order_in_force() -> None:
    assert check(S.IMPOSED, A.WITHDRAW, R.MAYOR, DAY_9, reason="") == (False, "withdrawal_reason_required")
    assert check(S.IMPOSED, A.WITHDRAW, R.MAYOR, ENDS_AT, reason="x") == (False, "order_has_ended")


def test_annulment_needs_the_court_decision_and_ends_the_order() -> None:
    assert check(S.IMPOSED, A.ANNUL, R.MUNICIPAL_OFFICER, DAY_9) == (False, "court_decision_required")
    result = apply(
        S.EXTENDED, A.ANNUL, R.MUNICIPAL_OFFICER, DAY_9, context(S.EXTENDED, court_decision="Rb. X")
    )
    assert result.state is S.ENDED_ANNULLED
    assert result.timeline.ended_at == DAY_9
    assert "ends_at" in result.deadlines.void


def test_annulling_an_expired_order_keeps_the_moment_it_ended() -> None:
    later = ENDS_AT + timedelta(days=40)
    result = apply(S.ENDED_EXPIRED, A.ANNUL, R.MAYOR, later, context(S.ENDED_EXPIRED, court_decision="ABRvS"))
    assert result.timeline.ended_at == ENDS_AT


def test_confirming_in_writing_before_the_oral_imposition_is_refused() -> None:
    at = IMPOSED_AT - timedelta(minutes=1)
    assert check(S.IMPOSED_ORALLY, A.CONFIRM_IN_WRITING, R.MAYOR, at) == (False, "before_imposition")


def test_apply_records_the_facts_of_each_step() -> None:
    prepared = TransitionContext(OrderTimeline(), WTH)
    oral = apply(S.PREPARED, A.IMPOSE_ORALLY, R.ASSISTANT_PUBLIC_PROSECUTOR, IMPOSED_AT, prepared)
    assert oral.timeline.imposed_at == IMPOSED_AT
    assert oral.timeline.imposition_form is ImpositionForm.ORAL
    assert oral.timeline.written_beschikking_at is None
    confirmed_at = IMPOSED_AT + timedelta(hours=9)
    written = apply(
        oral.state, A.CONFIRM_IN_WRITING, R.MAYOR, confirmed_at, TransitionContext(oral.timeline, WTH)
    )
    assert written.timeline.written_beschikking_at == confirmed_at
    assert written.deadlines.fulfilled == {"written_beschikking_due"}
    extended = apply(
        written.state,
        A.EXTEND,
        R.MUNICIPAL_OFFICER,
        DAY_9,
        TransitionContext(written.timeline, WTH, new_end=LATEST_END, reason="fear continues"),
    )
    assert (extended.timeline.extended_at, extended.timeline.extended_until) == (DAY_9, LATEST_END)


def test_a_refused_step_raises_with_its_decision() -> None:
    with pytest.raises(TransitionRefused) as refused:
        apply(S.IMPOSED, A.EXTEND, R.ASSISTANT_PUBLIC_PROSECUTOR, DAY_9, context(S.IMPOSED))
    assert refused.value.decision.code == "role_not_allowed"


def test_a_naive_moment_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone"):
        check_transition(
            S.PREPARED, A.IMPOSE_ORALLY, R.MAYOR, datetime(2021, 11, 6, 23, 40), context(S.PREPARED)
        )


def test_allowed_actions_per_role() -> None:
    assert allowed_actions(S.IMPOSED_ORALLY, R.ASSISTANT_PUBLIC_PROSECUTOR) == (A.CONFIRM_IN_WRITING,)
    assert allowed_actions(S.IMPOSED, R.ASSISTANT_PUBLIC_PROSECUTOR) == ()
    assert allowed_actions(S.IMPOSED, R.MUNICIPAL_OFFICER) == (A.EXTEND, A.WITHDRAW, A.ANNUL)
    assert allowed_actions(S.PREPARED) == (A.IMPOSE_ORALLY, A.IMPOSE_IN_WRITING)
    assert allowed_actions(S.ENDED_ANNULLED) == ()
    assert {role for role in R if allowed_actions(S.PREPARED, role)} == IMPOSING_ROLES
