"""Recording what a person decided after an assessment, and the measures taken besides or instead.

An imposed order records its decision itself (``receivers``); a decision not to impose, or that a
huisverbod is not possible, is recorded by the police officer, the hulpofficier or the municipal
officer (``Action.RECORD_DECISION``) on the saved assessment's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case
from huisverbod.core.casefile.vocabulary import TriggerKind
from huisverbod.decisions.models import Decision, MeasureTaken, NotPossibleReason, Outcome, track_of


class DecisionError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def incident_at(case: Case) -> datetime | None:
    """The incident a decision is about: the case's moment of assessment, which the case file sets
    at the incident; none on the planned route (structural violence, no current incident)."""
    return None if case.trigger_kind == TriggerKind.PLANNED else case.assessment_time


def reasons_from_findings(legal: Mapping[str, Any], *, ex_partners: bool) -> list[str]:
    """Why a huisverbod is not possible, as the assessment's legal test found it: a minor
    (``adult.minor``), someone who stays only incidentally, an ex-partner living elsewhere."""
    reasons: list[str] = []
    for criterion in legal.get("criteria", []):
        if criterion.get("met", True):
            continue
        for found in criterion.get("findings", []):
            code = found.get("code", "")
            residence = (found.get("params") or {}).get("residence", "")
            if code == "adult.minor":
                reasons.append(NotPossibleReason.MINOR)
            elif code == "residence.perpetrator_not_resident" and residence == "stays_incidentally":
                reasons.append(NotPossibleReason.INCIDENTAL_STAY)
            elif code == "residence.perpetrator_not_resident" and ex_partners:
                reasons.append(NotPossibleReason.EX_PARTNER)
            elif code.startswith(("residence.", "adult.")):
                reasons.append(NotPossibleReason.OTHER)
    return list(dict.fromkeys(reasons))


def proposed_reasons(assessment: Assessment) -> list[str]:
    ex_partners = assessment.case.relationships.filter(kind="ex_partners").exists()
    return reasons_from_findings(assessment.result.get("legal", {}), ex_partners=ex_partners)


def record_decision(
    assessment: Assessment,
    actor: User,
    *,
    outcome: str,
    reasons: Iterable[str] = (),
    reason: str = "",
    measures: Iterable[tuple[str, date]] = (),
    at: datetime | None = None,
) -> Decision:
    """A decision not to impose, or that a huisverbod is not possible, with the measures taken
    instead or besides. An imposed order records its own decision (``record_order_decision``)."""
    case = assessment.case
    if not can(actor, Action.RECORD_DECISION, case):
        raise DecisionError("your role may not record this decision on this case")
    if outcome not in (Outcome.NO_ORDER, Outcome.NOT_POSSIBLE):
        raise DecisionError("an order is decided by imposing it", field="outcome")
    with transaction.atomic():
        existing = Decision.objects.select_for_update().filter(assessment=assessment).first()
        if existing is not None:
            raise DecisionError("a decision on this assessment is already recorded", field="outcome")
        decision = Decision(
            case=case,
            assessment=assessment,
            outcome=outcome,
            not_possible_reasons=list(reasons) if outcome == Outcome.NOT_POSSIBLE else [],
            reason=reason.strip(),
            decided_at=at or timezone.now(),
            decided_by=actor,
            organisation=actor.organisation,
            role=actor.role,
            incident_at=incident_at(case),
        )
        try:
            decision.full_clean(exclude=["case", "assessment", "decided_by", "organisation", "order"])
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise DecisionError(" ".join(messages), field=field) from None
        decision.save()
        for measure, taken_on in measures:
            record_measure(case, actor, measure=measure, taken_on=taken_on, decision=decision)
    return decision


def record_measure(
    case: Case,
    actor: User | None,
    *,
    measure: str,
    taken_on: date,
    decision: Decision | None = None,
    note: str = "",
) -> MeasureTaken:
    try:
        track = track_of(measure)
    except ValueError:
        raise DecisionError(f"unknown measure {measure!r}", field="measures") from None
    return MeasureTaken.objects.create(
        case=case,
        decision=decision,
        measure=measure,
        track=track,
        taken_on=taken_on,
        organisation=actor.organisation if actor else None,
        recorded_by=actor,
        note=note,
    )


def record_order_decision(order: Any, *, at: datetime, actor: User | None) -> Decision:
    """An imposed order is a decision to impose, on the assessment it rests on (idempotent)."""
    existing = Decision.objects.filter(order=order).first()
    if existing is not None:
        return existing
    case = order.case
    if order.assessment_id is not None:
        earlier = Decision.objects.filter(assessment_id=order.assessment_id).first()
        if earlier is not None:  # an earlier "no order" on the same assessment is superseded
            earlier.outcome, earlier.order, earlier.decided_at = Outcome.ORDER, order, at
            earlier.not_possible_reasons = []
            earlier.decided_by = actor
            earlier.organisation = actor.organisation if actor else None
            earlier.role = actor.role if actor else ""
            earlier.save()
            return earlier
    return Decision.objects.create(
        case=case,
        assessment_id=order.assessment_id,
        outcome=Outcome.ORDER,
        decided_at=at,
        decided_by=actor,
        organisation=actor.organisation if actor else None,
        role=actor.role if actor else "",
        order=order,
        incident_at=incident_at(case),
    )
