"""Statutory scenarios, told the way the people involved would tell them.

Each scenario walks an order through the lifecycle and reads the deadlines the Django layer
would store as rows after every step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import huisverbod.core.casefile  # noqa: F401  # first: law.parameters alone hits an import cycle
from huisverbod.core.calendar.instants import AMSTERDAM, isoformat
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.deadlines import deadlines_for
from huisverbod.core.orders.lifecycle import TransitionContext, Transitioned, apply
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.vocabulary import ActorRole, OrderAction, OrderState

WTH = parameter_set("wth-2009")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


def impose(action: OrderAction, role: ActorRole, moment: str) -> Transitioned:
    """A prepared order imposed at ``moment``."""
    return apply(OrderState.PREPARED, action, role, at(moment), TransitionContext(OrderTimeline(), WTH))


def rows(state: OrderState, timeline: OrderTimeline) -> dict[str, str]:
    """The deadline rows for an order: kind -> due moment, as the UI would list them."""
    return {deadline.kind: isoformat(deadline.due_at) for deadline in deadlines_for(state, timeline, WTH)}


def test_saturday_night_an_oral_order_by_the_hulpofficier() -> None:
    # Given an order imposed orally at 23:40 on Saturday 6 November 2021 by the hulpofficier van
    # justitie under mandate (art. 2 lid 7, art. 3 Wth), and Veilig Thuis receiving the police
    # report ten minutes later,
    oral = impose(OrderAction.IMPOSE_ORALLY, ActorRole.ASSISTANT_PUBLIC_PROSECUTOR, "2021-11-06 23:40")
    timeline = replace(oral.timeline, veilig_thuis_report_received_at=at("2021-11-06 23:50"))

    # then the written beschikking is due 24 hours later, Sunday 23:40 (art. 2 lid 7, project norm),
    # the reachability statement the same moment (art. 2 lid 6),
    # the reminders fall on day 7 and day 9 at 23:40,
    # the order ends, and the extension must be decided, by Tuesday 16 November 23:40 (art. 2 lid 1),
    # an extension can run to Saturday 4 December 23:40 at the latest (art. 9 lid 1),
    # and Veilig Thuis's safety assessment is due by the end of Friday 12 November, the fifth
    # working day after the report (art. 4.1.7 Uitvoeringsbesluit Wmo 2015).
    assert rows(oral.state, timeline) == {
        "written_beschikking_due": "2021-11-07T23:40:00+01:00",
        "reachability_statement_due": "2021-11-07T23:40:00+01:00",
        "extension_reminder_day_7": "2021-11-13T23:40:00+01:00",
        "extension_reminder_day_9": "2021-11-15T23:40:00+01:00",
        "ends_at": "2021-11-16T23:40:00+01:00",
        "extension_decision_due": "2021-11-16T23:40:00+01:00",
        "latest_extension_end": "2021-12-04T23:40:00+01:00",
        "veilig_thuis_safety_assessment_due": "2021-11-13T00:00:00+01:00",
    }

    # When the municipal officer signs the written beschikking on Sunday morning,
    written = apply(
        oral.state,
        OrderAction.CONFIRM_IN_WRITING,
        ActorRole.MUNICIPAL_OFFICER,
        at("2021-11-07 09:30"),
        TransitionContext(timeline, WTH),
    )
    # then the written beschikking deadline is met and no longer listed.
    assert written.deadlines.fulfilled == {"written_beschikking_due"}
    assert "written_beschikking_due" not in rows(written.state, written.timeline)

    # When on day 9 the municipal officer extends the order to the four-week maximum because the
    # victim is still afraid and the perpetrator programme has not started (art. 9 lid 1),
    extended = apply(
        written.state,
        OrderAction.EXTEND,
        ActorRole.MUNICIPAL_OFFICER,
        at("2021-11-15 11:00"),
        TransitionContext(
            written.timeline, WTH, new_end=at("2021-12-04 23:40"), reason="victim afraid; help not started"
        ),
    )
    # then the order ends on 4 December at 23:40 and the reminders are done.
    after_extension = rows(extended.state, extended.timeline)
    assert after_extension["ends_at"] == "2021-12-04T23:40:00+01:00"
    assert not any(kind.startswith("extension_") for kind in after_extension)

    # When the worker comes by at 23:45 on 4 December,
    expired = apply(
        extended.state,
        OrderAction.EXPIRE,
        ActorRole.SYSTEM,
        at("2021-12-04 23:45"),
        TransitionContext(extended.timeline, WTH),
    )
    # then the order has ended at 23:40, and only Veilig Thuis's own deadline remains a row.
    assert expired.state is OrderState.ENDED_EXPIRED
    assert expired.timeline.ended_at == at("2021-12-04 23:40")
    assert set(rows(expired.state, expired.timeline)) == {"veilig_thuis_safety_assessment_due"}


def test_easter_a_written_order_and_the_veilig_thuis_report() -> None:
    # Given an order imposed in writing by the mayor at 16:00 on Maundy Thursday, 28 March 2024,
    # with Veilig Thuis receiving the report at the same moment,
    imposed = impose(OrderAction.IMPOSE_IN_WRITING, ActorRole.MAYOR, "2024-03-28 16:00")
    timeline = replace(imposed.timeline, veilig_thuis_report_received_at=at("2024-03-28 16:00"))
    deadlines = rows(imposed.state, timeline)

    # then the order runs through Easter and the clock change of 31 March and ends at 16:00 summer
    # time on Sunday 7 April: days of an order are calendar days (art. 2 lid 1),
    assert deadlines["ends_at"] == "2024-04-07T16:00:00+02:00"
    # and no written beschikking deadline: it was written from the start,
    assert "written_beschikking_due" not in deadlines
    # while Veilig Thuis skips Goede Vrijdag and Tweede Paasdag: five working days run to the end
    # of Monday 8 April (art. 4.1.7 Uitvoeringsbesluit Wmo 2015; art. 3 Algemene termijnenwet).
    assert deadlines["veilig_thuis_safety_assessment_due"] == "2024-04-09T00:00:00+02:00"


def test_appeal_and_annulment_in_the_week_of_the_autumn_clock_change() -> None:
    # Given an order imposed in writing at 14:00 on Monday 25 October 2021,
    imposed = impose(OrderAction.IMPOSE_IN_WRITING, ActorRole.ASSISTANT_PUBLIC_PROSECUTOR, "2021-10-25 14:00")
    # when the uithuisgeplaatste lodges an appeal with a request for a voorlopige voorziening at
    # 09:00 on Wednesday 27 October,
    appealed = replace(imposed.timeline, appeal_lodged_at=at("2021-10-27 09:00"))
    deadlines = rows(imposed.state, appealed)
    # then a hearing is expected by the end of Saturday 30 October (three days [U]), and the order
    # ends on Thursday 4 November at 14:00, now winter time.
    assert deadlines["court_hearing_expected"] == "2021-10-31T00:00:00+02:00"
    assert deadlines["ends_at"] == "2021-11-04T14:00:00+01:00"

    # When the voorzieningenrechter annuls the order on Friday 29 October and the mayor's office
    # records it,
    annulled = apply(
        imposed.state,
        OrderAction.ANNUL,
        ActorRole.MUNICIPAL_OFFICER,
        at("2021-10-29 16:00"),
        TransitionContext(appealed, WTH, court_decision="Rb. Voorbeeld 29-10-2021, zaaknr. 21/1234"),
    )
    # then the order has ended and every open deadline is void.
    assert annulled.state is OrderState.ENDED_ANNULLED
    assert rows(annulled.state, annulled.timeline) == {}
    assert "court_hearing_expected" in annulled.deadlines.void
