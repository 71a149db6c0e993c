"""Records for the figures tests, built through the real models (synthetic data).

The builders write rows directly, the way the national-history loader does, and set the moments
that place them in a period (``created_at`` of an assessment is set after the insert, as
``auto_now_add`` would overwrite it).
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from huisverbod.accounts.models import Organisation, User
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case, Dwelling, Involvement, Person
from huisverbod.core.calendar.instants import AMSTERDAM
from huisverbod.decisions.models import Decision, MeasureTaken, track_of
from huisverbod.monitoring.models import Closing, ExtensionAdvice, PersonEvaluation
from huisverbod.orders.models import Appeal, Order, OrderEvent, Violation

_numbers = count(1)


def at(text: str) -> datetime:
    """``2025-01-10 22:00`` as an Amsterdam moment."""
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


class Builder:
    def __init__(self, user: User) -> None:
        self.user = user

    def case(self, city: str, moment: str = "2025-01-01 12:00", trigger: str = "police_incident") -> Case:
        n = next(_numbers)
        case = Case.objects.create(reference=f"fig-{n}", assessment_time=at(moment), trigger_kind=trigger)
        Dwelling.objects.create(
            case=case, street="Teststraat", house_number=str(n), postcode="1234 AB", city=city
        )
        for position, (local_id, role) in enumerate(
            (("p1", "perpetrator"), ("p2", "victim"), ("p3", "child"))
        ):
            person = Person.objects.create(
                given_names="Test", surname=f"Persoon{n}", birth_date=date(1980, 1, 1)
            )
            Involvement.objects.create(
                case=case,
                person=person,
                local_id=local_id,
                role=role,
                residence="lives_there",
                position=position,
            )
        return case

    def assessment(self, case: Case, moment: str, *, joint: bool) -> Assessment:
        previous = case.assessments.order_by("-version").first()
        snapshot = Assessment.objects.create(
            case=case,
            version=(previous.version + 1) if previous else 1,
            supersedes=previous,
            sources=["police", "veilig_thuis"] if joint else ["police"],
            joint=joint,
            parameter_set="wth-2009",
            casefile={},
            result={},
            advice="impose",
            digest="0" * 64,
            created_by=self.user,
        )
        Assessment.objects.filter(pk=snapshot.pk).update(created_at=at(moment))
        return snapshot

    def order(
        self, case: Case, municipality: Organisation, imposed: str | None, *, route: str = "acute"
    ) -> Order:
        return Order.objects.create(
            case=case,
            number=f"HV-T-{next(_numbers):05d}",
            municipality=municipality,
            state="imposed" if imposed else "prepared",
            route=route,
            perpetrator=case.involvements.get(role="perpetrator"),
            parameter_set="wth-2009",
            imposed_at=at(imposed) if imposed else None,
            created_by=self.user,
        )

    def decision(
        self,
        case: Case,
        outcome: str,
        decided: str,
        incident: str | None,
        *,
        order: Order | None = None,
        reasons: tuple[str, ...] = (),
    ) -> Decision:
        return Decision.objects.create(
            case=case,
            outcome=outcome,
            decided_at=at(decided),
            incident_at=at(incident) if incident else None,
            not_possible_reasons=list(reasons),
            order=order,
            imported=True,
        )

    def measure(self, case: Case, measure: str, taken_on: str) -> MeasureTaken:
        return MeasureTaken.objects.create(
            case=case,
            measure=measure,
            track=track_of(measure),
            taken_on=date.fromisoformat(taken_on),
            imported=True,
        )

    def event(
        self, order: Order, action: str, moment: str, *, waiting_list: bool | None = None
    ) -> OrderEvent:
        event = OrderEvent.objects.create(
            order=order,
            action=action,
            from_state="imposed",
            to_state={"extend": "extended", "withdraw": "ended_withdrawn", "annul": "ended_annulled"}[action],
            at=at(moment),
            role="municipal_officer",
            legal_basis="test",
        )
        if waiting_list is not None:
            ExtensionAdvice.objects.create(
                order=order,
                decision=event,
                prepared_at=at(moment),
                conclusion="test",
                improper_if_extended=waiting_list,
                improper_reason_noted="wachtlijst" if waiting_list else "",
                content={},
            )
        return event

    def appeal(self, order: Order, lodged: str) -> Appeal:
        return Appeal.objects.create(
            order=order, lodged_at=at(lodged), court="Rechtbank", recorded_by=self.user
        )

    def violation(self, order: Order, occurred: str) -> Violation:
        return Violation.objects.create(
            order=order, occurred_at=at(occurred), description="test", reported_by=self.user
        )

    def closing(self, order: Order, closed: str, started: dict[str, bool]) -> Closing:
        closing = Closing.objects.create(order=order, closed_at=at(closed), closed_by=self.user)
        for role, help_started in started.items():
            PersonEvaluation.objects.create(
                closing=closing,
                involvement=order.case.involvements.get(role=role),
                help_started=help_started,
                help_started_during_order=help_started,
                new_incidents=False,
                referral_outcome="started" if help_started else "no_referral",
            )
        return closing
