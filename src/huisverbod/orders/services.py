"""Operations on an order: prepare, impose, confirm in writing, extend, withdraw, expire, annul;
appeals, violations and the reachability statement.

Every transition goes through the core's allowed-transitions table (``core/orders``), which
guards it by its legal basis and by who may take it; it is recorded as an ``OrderEvent`` (who,
when, in which capacity, on which assessment, why), its deadlines are synced as rows, a
beschikking is issued where the law wants one, and the organisations involved are notified.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from huisverbod.access.models import Reason
from huisverbod.access.policy import Action
from huisverbod.access.services import can, grant
from huisverbod.accounts.models import Organisation, OrganisationKind, Role, User
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case, Involvement
from huisverbod.core.law.parameters import parameter_set, parameters_on
from huisverbod.core.orders.deadlines import current_end, latest_extension_end
from huisverbod.core.orders.lifecycle import TransitionContext, TransitionRefused, apply
from huisverbod.core.orders.vocabulary import ActorRole, OrderAction, OrderState
from huisverbod.orders.deadline_sync import sync_deadlines
from huisverbod.orders.models import Appeal, AppealDecision, Order, OrderEvent, Violation
from huisverbod.orders.notify import notify_case

ACTOR_ROLES = {
    Role.POLICE_OFFICER: ActorRole.POLICE_OFFICER,
    Role.ASSISTANT_PUBLIC_PROSECUTOR: ActorRole.ASSISTANT_PUBLIC_PROSECUTOR,
    Role.VEILIG_THUIS_PROFESSIONAL: ActorRole.VEILIG_THUIS_PROFESSIONAL,
    Role.MUNICIPAL_OFFICER: ActorRole.MUNICIPAL_OFFICER,
    Role.CARE_PROFESSIONAL: ActorRole.CARE_PROFESSIONAL,
    Role.ANALYST: ActorRole.ANALYST,
    Role.ADMINISTRATOR: ActorRole.ADMINISTRATOR,
}

DOCUMENT_FOR = {
    OrderAction.IMPOSE_IN_WRITING: "imposition",
    OrderAction.CONFIRM_IN_WRITING: "imposition",
    OrderAction.EXTEND: "extension",
    OrderAction.WITHDRAW: "withdrawal",
}


class OrderError(Exception):
    """An operation is refused; ``field`` names what to mend when a form field is at fault."""

    def __init__(
        self, message: str, field: str | None = None, code: str = "", params: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.params = params or {}


def actor_role(user: User | None) -> ActorRole:
    return ActorRole.SYSTEM if user is None else ACTOR_ROLES.get(Role(user.role), ActorRole.ADMINISTRATOR)


def competent_municipality(case: Case) -> Organisation | None:
    """The municipality whose mayor decides: the one the dwelling lies in."""
    city = case.dwelling.city.strip().casefold()
    for municipality in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, active=True):
        if city in {place.casefold() for place in municipality.place_names} or (
            municipality.name.casefold().removeprefix("gemeente ").strip() == city
        ):
            return municipality
    return None


def protectable(case: Case) -> list[Involvement]:
    """Everyone but the perpetrator who lives there or stays more than incidentally (art. 2 lid 1)."""
    law = parameters_on(timezone.localdate(case.assessment_time))
    qualifying = {r.value for r in law.persons.qualifying_residences}
    return list(
        case.involvements.exclude(role="perpetrator").filter(residence__in=qualifying).order_by("position")
    )


def _next_number(municipality: Organisation, year: int) -> str:
    Organisation.objects.select_for_update().filter(pk=municipality.pk).first()  # one number at a time
    prefix = f"HV-{year}-"
    taken = Order.objects.filter(municipality=municipality, number__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


@transaction.atomic
def create_order(
    case: Case,
    actor: User,
    *,
    assessment: Assessment,
    perpetrator: Involvement,
    protected: Iterable[Involvement],
    municipality: Organisation | None = None,
) -> Order:
    """A prepared order (e.g. a planned huisverbod), to be imposed at the agreed moment."""
    if assessment.case_id != case.pk:
        raise OrderError("the assessment belongs to another case", field="assessment")
    if assessment.advice == "not_possible":
        raise OrderError("the assessment found that a huisverbod is not possible", field="assessment")
    if perpetrator.case_id != case.pk:
        raise OrderError("the person is not in this case", field="perpetrator")
    protected = list(protected)
    if not protected:
        raise OrderError(
            "name at least one person the contact ban protects (art. 2 lid 4 sub c Wth)", field="protected"
        )
    if perpetrator in protected:
        raise OrderError("the person ordered out cannot be protected from himself", field="protected")
    municipality = municipality or competent_municipality(case)
    if municipality is None:
        raise OrderError(f"no municipality is known for {case.dwelling.city}", field="municipality")
    now = timezone.now()
    order = Order.objects.create(
        case=case,
        number=_next_number(municipality, timezone.localdate(now).year),
        municipality=municipality,
        route=assessment.route,
        assessment=assessment,
        perpetrator=perpetrator,
        parameter_set=parameters_on(timezone.localdate(now)).id,
        created_by=actor,
    )
    order.protected.set(protected)
    grant(case, municipality, Reason.COMPETENT_AUTHORITY, by=actor)
    return order


def _transition(
    order: Order,
    action: OrderAction,
    actor: User | None,
    *,
    at: datetime,
    reason: str = "",
    new_end: datetime | None = None,
    court_decision: str = "",
    data: dict[str, object] | None = None,
) -> OrderEvent:
    law = parameter_set(order.parameter_set)
    context = TransitionContext(
        timeline=order.timeline(),
        parameters=law,
        new_end=new_end,
        reason=reason,
        court_decision=court_decision,
    )
    before = order.order_state
    try:
        result = apply(before, action, actor_role(actor), at, context)
    except TransitionRefused as exc:
        decision = exc.decision
        field = {
            "extension_beyond_maximum": "new_end",
            "extension_not_later": "new_end",
            "extension_end_required": "new_end",
            "extension_reason_required": "reason",
            "withdrawal_reason_required": "reason",
            "court_decision_required": "ruling",
        }.get(decision.code)
        raise OrderError(
            decision.text, field=field, code=decision.code, params=dict(decision.params)
        ) from None
    order.state = result.state.value
    order.set_timeline(result.timeline)
    if result.timeline.imposed_at is not None:
        order.ends_at = current_end(result.timeline, law)
        order.latest_extension_end = latest_extension_end(result.timeline.imposed_at, law)
    order.save()
    event = OrderEvent.objects.create(
        order=order,
        action=action.value,
        from_state=before.value,
        to_state=result.state.value,
        at=at,
        actor=actor,
        role=actor_role(actor).value,
        organisation=actor.organisation if actor else None,
        assessment=order.assessment,
        reason=reason or court_decision,
        legal_basis=result.decision.legal_basis,
        data=data or {},
    )
    sync_deadlines(order, closed=result.deadlines, at=at)
    kind = DOCUMENT_FOR.get(action)
    if kind is not None:
        from huisverbod.orders.documents import issue_document

        issue_document(order, event, kind, issued_at=at)
    return event


def _require(actor: User, action: Action, order: Order) -> None:
    if not can(actor, action, order.case):
        raise OrderError("your role may not take this decision on this case", code="forbidden")


@transaction.atomic
def impose(order: Order, actor: User, *, oral: bool, at: datetime | None = None) -> OrderEvent:
    """Impose (art. 2 lid 1 Wth), orally when too urgent for writing (lid 7); the hulpofficier under
    mandate (art. 3). Veilig Thuis is always notified."""
    _require(actor, Action.IMPOSE_ORDER, order)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    action = OrderAction.IMPOSE_ORALLY if oral else OrderAction.IMPOSE_IN_WRITING
    event = _transition(locked, action, actor, at=at or timezone.now())
    notify_case(locked, "order_imposed", veilig_thuis_always=True)
    order.refresh_from_db()
    return event


@transaction.atomic
def confirm_in_writing(order: Order, actor: User, *, at: datetime | None = None) -> OrderEvent:
    _require(actor, Action.IMPOSE_ORDER, order)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    event = _transition(locked, OrderAction.CONFIRM_IN_WRITING, actor, at=at or timezone.now())
    notify_case(locked, "order_confirmed")
    order.refresh_from_db()
    return event


@transaction.atomic
def extend(
    order: Order,
    actor: User,
    *,
    new_end: datetime,
    reason: str,
    improper_reason_noted: str = "",
    at: datetime | None = None,
) -> OrderEvent:
    """Extend (art. 9 lid 1 Wth): the mayor only, not mandated (art. 3), when the threat continues."""
    _require(actor, Action.DECIDE_ORDER, order)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    data: dict[str, object] = (
        {"improper_reason_noted": improper_reason_noted} if improper_reason_noted else {}
    )
    event = _transition(
        locked, OrderAction.EXTEND, actor, at=at or timezone.now(), reason=reason, new_end=new_end, data=data
    )
    notify_case(locked, "order_extended")
    order.refresh_from_db()
    return event


@transaction.atomic
def withdraw(order: Order, actor: User, *, reason: str, at: datetime | None = None) -> OrderEvent:
    _require(actor, Action.DECIDE_ORDER, order)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    event = _transition(locked, OrderAction.WITHDRAW, actor, at=at or timezone.now(), reason=reason)
    notify_case(locked, "order_withdrawn")
    order.refresh_from_db()
    return event


def expire_due(now: datetime | None = None) -> list[Order]:
    """The system ends every order whose term has run out (at its end, not at the check)."""
    now = now or timezone.now()
    expired = []
    in_force = [s.value for s in (OrderState.IMPOSED_ORALLY, OrderState.IMPOSED, OrderState.EXTENDED)]
    for pk in Order.objects.filter(state__in=in_force, ends_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=pk)
            if order.state not in in_force or order.ends_at is None or order.ends_at > now:
                continue
            _transition(order, OrderAction.EXPIRE, None, at=order.ends_at)
            notify_case(order, "order_expired")
            expired.append(order)
    return expired


@transaction.atomic
def record_reachability(order: Order, actor: User, *, statement: str, at: datetime | None = None) -> None:
    """art. 2 lid 6 Wth: where and how the person ordered out can be reached."""
    _require(actor, Action.ADD_FACT, order)
    if not statement.strip():
        raise OrderError("say where and how the person can be reached", field="statement")
    locked = Order.objects.select_for_update().get(pk=order.pk)
    locked.reachability = statement.strip()
    locked.reachability_stated_at = at or timezone.now()
    locked.save(update_fields=["reachability", "reachability_stated_at", "updated_at"])
    sync_deadlines(locked, closed=None, at=locked.reachability_stated_at)
    order.refresh_from_db()


@transaction.atomic
def record_appeal(
    order: Order,
    actor: User,
    *,
    lodged_at: datetime,
    court: str = "",
    court_case_number: str = "",
    provisional_relief: bool = True,
    hearing_at: datetime | None = None,
) -> Appeal:
    _require(actor, Action.DECIDE_ORDER, order)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.imposed_at is None:
        raise OrderError("an order that was not imposed cannot be appealed", field="lodged_at")
    if lodged_at < order.imposed_at:
        raise OrderError("the appeal cannot be lodged before the order was imposed", field="lodged_at")
    appeal = Appeal.objects.create(
        order=order,
        lodged_at=lodged_at,
        court=court or order.municipality.court,
        court_case_number=court_case_number,
        provisional_relief=provisional_relief,
        hearing_at=hearing_at,
        recorded_by=actor,
    )
    if order.appeal_lodged_at is None:
        order.appeal_lodged_at = lodged_at
        order.save(update_fields=["appeal_lodged_at", "updated_at"])
        sync_deadlines(order, closed=None, at=timezone.now())
    notify_case(order, "appeal_lodged", key_suffix=str(appeal.pk))
    return appeal


@transaction.atomic
def record_court_decision(
    appeal: Appeal, actor: User, *, decision: str, decided_at: datetime, ruling: str = ""
) -> Appeal:
    """The court's decision; an annulment ends the order (art. 8:72 Awb)."""
    order = appeal.order
    _require(actor, Action.DECIDE_ORDER, order)
    if decision not in AppealDecision.values or decision == AppealDecision.PENDING:
        raise OrderError("choose the court's decision", field="decision")
    if appeal.decision != AppealDecision.PENDING:
        raise OrderError("the court's decision on this appeal is already recorded", field="decision")
    appeal.decision, appeal.decided_at, appeal.ruling = decision, decided_at, ruling
    appeal.save(update_fields=["decision", "decided_at", "ruling"])
    if decision == AppealDecision.ANNULLED:
        locked = Order.objects.select_for_update().get(pk=order.pk)
        _transition(
            locked,
            OrderAction.ANNUL,
            actor,
            at=decided_at,
            court_decision=ruling or f"{appeal.court} {appeal.court_case_number}".strip(),
        )
        notify_case(locked, "order_annulled")
    return appeal


@transaction.atomic
def register_violation(order: Order, actor: User, *, occurred_at: datetime, description: str) -> Violation:
    """A breach of the order (a crime, art. 11 Wth): recorded as a fact of the case and notified."""
    _require(actor, Action.ADD_FACT, order)
    order.refresh_from_db()
    if not description.strip():
        raise OrderError("describe what happened", field="description")
    if order.imposed_at is None or occurred_at < order.imposed_at:
        raise OrderError("a violation happens after the order was imposed", field="occurred_at")
    from huisverbod.cases.services import add_fact

    fact = add_fact(
        order.case,
        {
            "type": "prior_order_violation",
            "date": timezone.localdate(occurred_at).isoformat(),
            "about": [order.perpetrator.local_id],
            "source": actor.organisation.fact_source.value if actor.organisation else "other",
            "origin": "observation",
            "text": description.strip(),
        },
        actor=actor,
    )
    stored = order.case.facts.get(local_id=fact.id)
    violation = Violation.objects.create(
        order=order, occurred_at=occurred_at, description=description.strip(), fact=stored, reported_by=actor
    )
    notify_case(order, "order_violated", key_suffix=str(violation.pk))
    return violation


def orders_in_force() -> Q:
    return Q(state__in=[OrderState.IMPOSED_ORALLY.value, OrderState.IMPOSED.value, OrderState.EXTENDED.value])
