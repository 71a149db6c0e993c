"""Statutory deadlines of a huisverbod, table-tested with the article each one rests on."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

import huisverbod.core.casefile  # noqa: F401  # first: law.parameters alone hits an import cycle
from huisverbod.core.calendar.instants import AMSTERDAM
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.deadlines import (
    APPLIES_IN,
    Deadline,
    DeadlineKind,
    closed_by,
    deadlines_for,
    reminder_kind,
)
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.vocabulary import ENDED, ImpositionForm, OrderAction, OrderState

WTH = parameter_set("wth-2009")
CET = "+01:00"
CEST = "+02:00"


def amsterdam(text: str) -> datetime:
    """An Amsterdam instant from ``YYYY-MM-DD HH:MM``; the offset follows from the date."""
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


def imposed(at: datetime, form: ImpositionForm = ImpositionForm.WRITTEN) -> OrderTimeline:
    written = at if form is ImpositionForm.WRITTEN else None
    return OrderTimeline(imposed_at=at, imposition_form=form, written_beschikking_at=written)


def due(deadlines: tuple[Deadline, ...], kind: str) -> str:
    matches = [deadline for deadline in deadlines if deadline.kind == kind]
    assert len(matches) == 1, f"{kind}: {[d.kind for d in deadlines]}"
    return matches[0].due_at.isoformat()


# art. 2 lid 1 Wth: ten days; art. 9 lid 1 Wth: at most four weeks after imposition. Both at the
# same Amsterdam clock time. (imposed, ends_at, latest_extension_end, why)
SAME_CLOCK_TIME = [
    (
        "2021-03-20 23:40",
        "2021-03-30T23:40:00+02:00",
        "2021-04-17T23:40:00+02:00",
        "spring DST change (28 Mar)",
    ),
    (
        "2021-10-25 14:00",
        "2021-11-04T14:00:00+01:00",
        "2021-11-22T14:00:00+01:00",
        "autumn DST change (31 Oct)",
    ),
    (
        "2021-03-18 02:30",
        "2021-03-28T03:30:00+02:00",
        "2021-04-15T02:30:00+02:00",
        "end inside the spring gap",
    ),
    (
        "2021-10-21 02:30",
        "2021-10-31T02:30:00+02:00",
        "2021-11-18T02:30:00+01:00",
        "end inside the autumn fold",
    ),
    ("2021-12-25 14:00", "2022-01-04T14:00:00+01:00", "2022-01-22T14:00:00+01:00", "across the year end"),
    ("2024-02-19 10:00", "2024-02-29T10:00:00+01:00", "2024-03-18T10:00:00+01:00", "ends on 29 February"),
    ("2024-02-25 10:00", "2024-03-06T10:00:00+01:00", "2024-03-24T10:00:00+01:00", "across 29 February"),
    ("2023-02-25 10:00", "2023-03-07T10:00:00+01:00", "2023-03-25T10:00:00+01:00", "no 29 February in 2023"),
    (
        "2024-03-28 16:00",
        "2024-04-07T16:00:00+02:00",
        "2024-04-25T16:00:00+02:00",
        "Easter: days run on holidays",
    ),
]


@pytest.mark.parametrize(
    ("imposed_at", "ends_at", "latest_end", "why"), SAME_CLOCK_TIME, ids=[r[3] for r in SAME_CLOCK_TIME]
)
def test_ends_at_and_latest_extension_end(imposed_at: str, ends_at: str, latest_end: str, why: str) -> None:
    deadlines = deadlines_for(OrderState.IMPOSED, imposed(amsterdam(imposed_at)), WTH)
    assert due(deadlines, DeadlineKind.ENDS_AT) == ends_at, why
    assert due(deadlines, DeadlineKind.EXTENSION_DECISION_DUE) == ends_at
    assert due(deadlines, DeadlineKind.LATEST_EXTENSION_END) == latest_end


def test_an_order_imposed_in_the_second_hour_of_the_autumn_fold_keeps_winter_time() -> None:
    # 02:30 happens twice on 31 October 2021; the second time (fold=1) is 02:30 CET.
    second = datetime(2021, 10, 31, 2, 30, fold=1, tzinfo=AMSTERDAM)
    assert second.isoformat().endswith(CET)
    deadlines = deadlines_for(OrderState.IMPOSED, imposed(second), WTH)
    assert due(deadlines, DeadlineKind.ENDS_AT) == "2021-11-10T02:30:00+01:00"


# Terms in hours count elapsed time (art. 2 lid 6 and lid 7 Wth). (imposed, due, why)
TWENTY_FOUR_HOURS = [
    ("2021-11-06 23:40", "2021-11-07T23:40:00+01:00", "no clock change"),
    ("2021-10-30 23:40", "2021-10-31T22:40:00+01:00", "autumn: the clock falls back an hour"),
    ("2021-03-27 23:40", "2021-03-29T00:40:00+02:00", "spring: the clock jumps forward an hour"),
    ("2021-12-31 12:00", "2022-01-01T12:00:00+01:00", "New Year: holidays do not stop hours"),
]


@pytest.mark.parametrize(
    ("imposed_at", "expected", "why"), TWENTY_FOUR_HOURS, ids=[r[2] for r in TWENTY_FOUR_HOURS]
)
def test_reachability_and_written_beschikking_within_24_hours(
    imposed_at: str, expected: str, why: str
) -> None:
    deadlines = deadlines_for(
        OrderState.IMPOSED_ORALLY, imposed(amsterdam(imposed_at), ImpositionForm.ORAL), WTH
    )
    assert due(deadlines, DeadlineKind.REACHABILITY_STATEMENT_DUE) == expected, why
    assert due(deadlines, DeadlineKind.WRITTEN_BESCHIKKING_DUE) == expected


def test_extension_reminders_are_separate_kinds_on_days_7_and_9_at_the_same_clock_time() -> None:
    deadlines = deadlines_for(OrderState.IMPOSED, imposed(amsterdam("2021-03-20 23:40")), WTH)
    assert due(deadlines, "extension_reminder_day_7") == "2021-03-27T23:40:00+01:00"
    assert due(deadlines, "extension_reminder_day_9") == "2021-03-29T23:40:00+02:00"
    reminders = [d for d in deadlines if d.kind.startswith("extension_reminder")]
    assert {d.description_key for d in reminders} == {"orders.deadline.extension_reminder"}


def test_reminder_days_can_be_configured() -> None:
    deadlines = deadlines_for(
        OrderState.IMPOSED, imposed(amsterdam("2024-06-03 10:00")), WTH, reminder_days=(8, 5, 8)
    )
    kinds = [deadline.kind for deadline in deadlines]
    assert kinds.count(reminder_kind(5)) == kinds.count(reminder_kind(8)) == 1
    assert reminder_kind(7) not in kinds


@pytest.mark.parametrize("day", [0, 10, 12])
def test_a_reminder_outside_the_ten_days_is_refused(day: int) -> None:
    with pytest.raises(ValueError, match=f"day {day} does not fall within the 10 days"):
        deadlines_for(OrderState.IMPOSED, imposed(amsterdam("2024-06-03 10:00")), WTH, reminder_days=(day,))


# "binnen drie dagen" [U]: to the end of the third day after the appeal was lodged.
COURT_HEARING = [
    ("2021-11-08 09:00", False, "2021-11-12T00:00:00+01:00", "Monday + 3 calendar days = Thursday"),
    ("2021-11-12 09:00", False, "2021-11-16T00:00:00+01:00", "Friday + 3 calendar days = Monday"),
    ("2021-11-12 09:00", True, "2021-11-18T00:00:00+01:00", "Friday + 3 working days = Wednesday"),
    ("2021-10-27 09:00", False, "2021-10-31T00:00:00+02:00", "the night of the autumn change"),
]


@pytest.mark.parametrize(
    ("lodged", "working", "expected", "why"), COURT_HEARING, ids=[r[3] for r in COURT_HEARING]
)
def test_court_hearing_expected_after_an_appeal(lodged: str, working: bool, expected: str, why: str) -> None:
    timeline = replace(imposed(amsterdam("2021-10-25 14:00")), appeal_lodged_at=amsterdam(lodged))
    deadlines = deadlines_for(OrderState.IMPOSED, timeline, WTH, court_hearing_in_working_days=working)
    assert due(deadlines, DeadlineKind.COURT_HEARING_EXPECTED) == expected, why


def test_no_court_hearing_without_an_appeal() -> None:
    deadlines = deadlines_for(OrderState.IMPOSED, imposed(amsterdam("2021-10-25 14:00")), WTH)
    assert DeadlineKind.COURT_HEARING_EXPECTED not in {d.kind for d in deadlines}


def test_written_beschikking_is_due_only_after_an_oral_imposition() -> None:
    written = deadlines_for(OrderState.IMPOSED, imposed(amsterdam("2021-11-06 23:40")), WTH)
    assert DeadlineKind.WRITTEN_BESCHIKKING_DUE not in {d.kind for d in written}
    confirmed = replace(
        imposed(amsterdam("2021-11-06 23:40"), ImpositionForm.ORAL),
        written_beschikking_at=amsterdam("2021-11-07 09:00"),
    )
    after_confirmation = deadlines_for(OrderState.IMPOSED, confirmed, WTH)
    assert DeadlineKind.WRITTEN_BESCHIKKING_DUE not in {d.kind for d in after_confirmation}


def test_once_extended_the_end_moves_and_the_extension_deadlines_are_gone() -> None:
    timeline = replace(
        imposed(amsterdam("2021-03-20 23:40")),
        extended_at=amsterdam("2021-03-29 10:00"),
        extended_until=amsterdam("2021-04-17 23:40"),
    )
    deadlines = deadlines_for(OrderState.EXTENDED, timeline, WTH)
    ends = [d for d in deadlines if d.kind == DeadlineKind.ENDS_AT]
    assert [d.due_at.isoformat() for d in ends] == ["2021-04-17T23:40:00+02:00"]
    assert ends[0].legal_basis == "art. 9 lid 1 Wth"
    kinds = {d.kind for d in deadlines}
    assert DeadlineKind.EXTENSION_DECISION_DUE not in kinds
    assert not any(kind.startswith("extension_reminder") for kind in kinds)


@pytest.mark.parametrize("state", sorted(ENDED))
def test_an_ended_order_has_no_open_order_deadlines(state: OrderState) -> None:
    timeline = replace(
        imposed(amsterdam("2021-11-06 23:40"), ImpositionForm.ORAL),
        appeal_lodged_at=amsterdam("2021-11-08 09:00"),
        ended_at=amsterdam("2021-11-09 12:00"),
    )
    assert deadlines_for(state, timeline, WTH) == ()


@pytest.mark.parametrize("state", list(OrderState))
def test_veilig_thuis_safety_assessment_follows_the_report_in_every_state(state: OrderState) -> None:
    # art. 4.1.7 lid 1 Uitvoeringsbesluit Wmo 2015: five working days after the report arrives,
    # whatever happens to the order. Thursday before Easter 2024: Goede Vrijdag and Tweede
    # Paasdag do not count, so the fifth working day is Monday 8 April.
    received = amsterdam("2024-03-28 16:00")
    base = OrderTimeline() if state is OrderState.PREPARED else imposed(amsterdam("2024-03-28 15:00"))
    timeline = replace(base, veilig_thuis_report_received_at=received)
    deadlines = deadlines_for(state, timeline, WTH)
    assert due(deadlines, DeadlineKind.VEILIG_THUIS_SAFETY_ASSESSMENT_DUE) == "2024-04-09T00:00:00+02:00"


def test_a_prepared_order_has_no_order_deadlines() -> None:
    assert deadlines_for(OrderState.PREPARED, OrderTimeline(), WTH) == ()


def test_a_state_in_force_without_an_imposition_moment_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs the moment it was imposed"):
        deadlines_for(OrderState.IMPOSED, OrderTimeline(), WTH)


def test_every_state_says_which_deadlines_apply() -> None:
    assert set(APPLIES_IN) == set(OrderState)


def test_every_deadline_is_an_amsterdam_instant_with_its_article_and_a_message_key() -> None:
    timeline = replace(
        imposed(amsterdam("2021-10-30 23:40"), ImpositionForm.ORAL),
        appeal_lodged_at=amsterdam("2021-11-01 09:00"),
        veilig_thuis_report_received_at=amsterdam("2021-10-30 23:50"),
    )
    deadlines = deadlines_for(OrderState.IMPOSED_ORALLY, timeline, WTH)
    assert {d.kind for d in deadlines} == {
        "ends_at",
        "latest_extension_end",
        "extension_decision_due",
        "extension_reminder_day_7",
        "extension_reminder_day_9",
        "reachability_statement_due",
        "written_beschikking_due",
        "court_hearing_expected",
        "veilig_thuis_safety_assessment_due",
    }
    for deadline in deadlines:
        assert deadline.due_at.tzinfo is AMSTERDAM
        assert "art." in deadline.legal_basis
        assert deadline.description_key.startswith("orders.deadline.")
    assert [d.due_at for d in deadlines] == sorted(d.due_at for d in deadlines)


# (before, action, after, fulfilled, void)
CLOSED = [
    (
        OrderState.IMPOSED_ORALLY,
        OrderAction.CONFIRM_IN_WRITING,
        OrderState.IMPOSED,
        {"written_beschikking_due"},
        set(),
    ),
    (
        OrderState.IMPOSED,
        OrderAction.EXTEND,
        OrderState.EXTENDED,
        {"extension_decision_due", "extension_reminder"},
        set(),
    ),
    (
        OrderState.IMPOSED,
        OrderAction.WITHDRAW,
        OrderState.ENDED_WITHDRAWN,
        set(),
        {
            "ends_at",
            "latest_extension_end",
            "extension_decision_due",
            "extension_reminder",
            "reachability_statement_due",
            "court_hearing_expected",
        },
    ),
    (
        OrderState.EXTENDED,
        OrderAction.EXPIRE,
        OrderState.ENDED_EXPIRED,
        {"ends_at"},
        {"latest_extension_end", "reachability_statement_due", "court_hearing_expected"},
    ),
]


@pytest.mark.parametrize(
    ("before", "action", "after", "fulfilled", "void"), CLOSED, ids=[f"{r[0]}-{r[1]}" for r in CLOSED]
)
def test_a_transition_meets_some_deadlines_and_voids_the_rest(
    before: OrderState, action: OrderAction, after: OrderState, fulfilled: set[str], void: set[str]
) -> None:
    closed = closed_by(before, action, after)
    assert closed.fulfilled == fulfilled
    assert closed.void == void
