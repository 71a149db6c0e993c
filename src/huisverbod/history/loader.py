"""Loading the synthetic national history into the database, through the real models, in bulk.

``load_history(config)`` writes, year by year, each year in one transaction: cases, dwellings,
persons, involvements, relationships, facts, one assessment per case (insert only: assessments
are immutable), the decision and the measures taken (``decisions``, ``imported=True``), the
orders with their events, deadlines, appeals, violations, extension advice, care plan items and
closing evaluation; then the police incidents and Veilig Thuis reports into the registries app's
tables with their blocking keys (one transaction per registry). On PostgreSQL rows go in with
COPY (ids taken from each table's sequence beforehand), elsewhere with ``bulk_create``.

Historical times are kept: the ``auto_now``/``auto_now_add`` stamps (``created_at``,
``recorded_at`` ...) of the rows written here carry the history's own moments.

Loading is idempotent per year and per registry: a year whose cases exist already, or a
registry that holds history records already, is skipped. The import is one processing
activity (``history-import``) and is logged as **one** processing-log entry per load, with its
counts, not one per row: the data subjects are synthetic and none of them is read or shown by
the load. Afterwards the figures' materialised summaries are refreshed (``refresh_all``).
History cases get no access grants: no organisation's users see them in their case lists; they
count only in the figures.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from itertools import groupby, islice
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction

from huisverbod.accounts.models import Organisation
from huisverbod.assessments.models import Assessment
from huisverbod.cases.casefiles import new_fact
from huisverbod.cases.models import Case, Dwelling, Fact, FactPerson, Involvement, Person, Relationship
from huisverbod.core.casefile.parse import parse_casefile
from huisverbod.core.orders.transitions import transition
from huisverbod.core.orders.vocabulary import OrderAction, OrderState
from huisverbod.core.synth.history import (
    HISTORY_VERSION,
    HistoryCase,
    HistoryConfig,
    history_cases,
    history_registry,
)
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS
from huisverbod.decisions.models import Decision, MeasureTaken, track_of
from huisverbod.history.organisations import load_national_organisations, national_organisations
from huisverbod.monitoring.models import CarePlanItem, Closing, ExtensionAdvice, PersonEvaluation
from huisverbod.orders.models import Appeal, Deadline, Order, OrderEvent, Violation

Progress = Callable[[str, int, int], None]
SYSTEM_USERNAME = "history-import"
REFERENCE_PREFIX = "hist-"
REGISTRY_CHUNK = 20_000
_MODELS_WITH_STAMPS = (
    Case,
    Person,
    Fact,
    Assessment,
    Order,
    Appeal,
    Violation,
    CarePlanItem,
)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def system_user() -> Any:
    """The account history rows are attributed to: inactive, no password, no organisation."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = user_model(
            username=SYSTEM_USERNAME, first_name="Synthetic", last_name="history", is_active=False
        )
        user.set_unusable_password()
        user.save()
    return user


@contextmanager
def historical_stamps() -> Iterator[None]:
    """Let ``bulk_create`` keep the ``created_at``-style times set on the rows (history)."""
    switched: list[tuple[models.Field[Any, Any], bool, bool]] = []
    for model in _MODELS_WITH_STAMPS:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))  # type: ignore[attr-defined]
                field.auto_now = field.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


class _Inserter:
    """Inserts model instances in bulk and gives them their primary keys."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.counts: Counter[str] = Counter()

    def __call__(self, model: type[models.Model], objects: Sequence[models.Model]) -> None:
        if not objects:
            return
        self.counts[model._meta.label] += len(objects)
        if not self.postgres:
            model._default_manager.bulk_create(objects, batch_size=500)
            return
        table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        for obj in objects:  # foreign keys to rows inserted just before: take over their ids
            obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
            columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in [model._meta.pk, *fields])
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
            ) as copy:
                for obj in objects:
                    copy.write_row(
                        [obj.pk, *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields)]
                    )
        for obj in objects:
            obj._state.adding = False

    def rows(self, model: type[models.Model], rows: Sequence[dict[str, Any]]) -> list[int]:
        """PostgreSQL only: COPY plain column values (by attname; the rest take their defaults)
        into ``model``'s table; returns the new ids in order."""
        if not rows:
            return []
        self.counts[model._meta.label] += len(rows)
        table = model._meta.db_table
        names = list(rows[0])
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        fields = [by_attname[name] for name in names]
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in [model._meta.pk, *fields])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
            ) as copy:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row([pk, *(row[name] for name in names)])
        return ids


def _digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


class _YearWriter:
    """Turns one year's ``HistoryCase`` records into rows and inserts them table by table."""

    def __init__(self, insert: _Inserter, organisations: dict[str, Organisation], user: Any) -> None:
        self.insert = insert
        self.orgs = organisations
        self.user = user

    def write(self, cases: Sequence[HistoryCase]) -> None:
        orgs, user = self.orgs, self.user
        parsed = [parse_casefile(case.casefile()) for case in cases]
        case_rows = [
            Case(
                reference=case.reference,
                title=cf.title or "",
                has_title=True,
                assessment_time=case.assessed_at,
                assessment_time_text=cf.assessment_time.text,
                trigger_kind=case.trigger,
                trigger_requested_by=case.requested_by,
                started_by=orgs[case.municipality.police_unit]
                if case.route == "acute"
                else orgs[case.municipality.veilig_thuis_region],
                created_by=user,
                created_at=case.assessed_at,
                updated_at=case.decided_at,
            )
            for case, cf in zip(cases, parsed, strict=True)
        ]
        self.insert(Case, case_rows)
        self.insert(
            Dwelling,
            [
                Dwelling(
                    case=row,
                    street=case.street,
                    house_number=case.house_number,
                    postcode=case.postcode,
                    city=case.municipality.city,
                )
                for case, row in zip(cases, case_rows, strict=True)
            ],
        )
        persons: list[Person] = []
        for case in cases:
            for p in case.persons:
                lives = p.residence in ("lives_there", "stays_more_than_incidentally")
                persons.append(
                    Person(
                        given_names=p.truth.call_name,
                        surname=p.surname,
                        birth_date=p.truth.birth_date,
                        sex=p.truth.sex,
                        bsn=p.truth.bsn,
                        street=case.street if lives else "",
                        house_number=case.house_number if lives else "",
                        postcode=case.postcode if lives else "",
                        city=case.municipality.city if lives else "",
                        created_at=case.assessed_at,
                    )
                )
        self.insert(Person, persons)
        person_rows = iter(persons)
        involvements: list[dict[str, Involvement]] = []
        flat_involvements: list[Involvement] = []
        for case, row in zip(cases, case_rows, strict=True):
            by_local: dict[str, Involvement] = {}
            for position, p in enumerate(case.persons):
                involvement = Involvement(
                    case=row,
                    person=next(person_rows),
                    local_id=p.local_id,
                    role=p.role,
                    residence=p.residence,
                    position=position,
                )
                by_local[p.local_id] = involvement
                flat_involvements.append(involvement)
            involvements.append(by_local)
        self.insert(Involvement, flat_involvements)
        self.insert(
            Relationship,
            [
                Relationship(case=row, first=by_local[a], second=by_local[b], kind=kind, position=position)
                for case, row, by_local in zip(cases, case_rows, involvements, strict=True)
                for position, (a, b, kind) in enumerate(case.relationships)
            ],
        )
        facts: list[Fact] = []
        links: list[FactPerson] = []
        for case, cf, row, by_local in zip(cases, parsed, case_rows, involvements, strict=True):
            for position, fact in enumerate(cf.facts):
                source_org = (
                    orgs[case.municipality.veilig_thuis_region]
                    if fact.source.value == "veilig_thuis"
                    else orgs[case.municipality.police_unit]
                )
                record, fact_links = new_fact(
                    row, fact, by_local, position=position, actor=user, organisation=source_org
                )
                record.recorded_at = case.assessed_at
                facts.append(record)
                links.extend(fact_links)
        self.insert(Fact, facts)
        self.insert(FactPerson, links)
        assessments = []
        for case, row in zip(cases, case_rows, strict=True):
            casefile, result = case.casefile(), case.result()
            assessor = orgs[case.municipality.police_unit]
            if case.route == "planned":
                assessor = orgs[case.municipality.veilig_thuis_region]
            assessments.append(
                Assessment(
                    case=row,
                    version=1,
                    sources=case.sources,
                    joint=case.joint,
                    parameter_set=result["parameter_set"],
                    instrument_versions={},
                    casefile=casefile,
                    overrides=[],
                    result=result,
                    result_nl={},
                    advice=case.advice,
                    route=case.route if case.advice == "impose" else "",
                    red_signals=case.red_signals,
                    digest=_digest({"inputs": {"casefile": casefile, "overrides": []}, "result": result}),
                    created_by=user,
                    organisation=assessor,
                    role="assistant_public_prosecutor"
                    if case.route == "acute"
                    else "veilig_thuis_professional",
                    created_at=case.assessed_at,
                )
            )
        self.insert(Assessment, assessments)
        self._orders(cases, case_rows, involvements, assessments)

    def _orders(
        self,
        cases: Sequence[HistoryCase],
        case_rows: Sequence[Case],
        involvements: Sequence[dict[str, Involvement]],
        assessments: Sequence[Assessment],
    ) -> None:
        orgs, user, insert = self.orgs, self.user, self.insert
        orders: list[Order | None] = []
        protected: list[tuple[Order, Involvement]] = []
        for case, row, by_local, assessment in zip(cases, case_rows, involvements, assessments, strict=True):
            record = case.order
            if record is None:
                orders.append(None)
                continue
            order = Order(
                case=row,
                number=record.number,
                municipality=orgs[case.municipality.code],
                state=record.state,
                route=case.route,
                assessment=assessment,
                perpetrator=by_local["p1"],
                parameter_set=assessment.parameter_set,
                imposed_at=record.imposed_at,
                imposition_form=record.form,
                written_beschikking_at=record.written_at,
                extended_at=record.extended_at,
                extended_until=record.extended_until,
                ends_at=record.ends_at,
                latest_extension_end=record.latest_extension_end,
                ended_at=record.ended_at,
                appeal_lodged_at=record.appeal["lodged_at"] if record.appeal else None,
                veilig_thuis_report_received_at=record.veilig_thuis_report_received_at,
                reachability_stated_at=record.reachability_stated_at,
                reachability="Bereikbaar via het opgegeven verblijfadres (synthetisch).",
                created_by=user,
                created_at=record.imposed_at,
                updated_at=record.ended_at,
            )
            orders.append(order)
            protected.extend(
                (order, involvement)
                for local, involvement in by_local.items()
                if local != "p1" and involvement.residence in ("lives_there", "stays_more_than_incidentally")
            )
        insert(Order, [o for o in orders if o is not None])
        through = Order.protected.through
        insert(through, [through(order_id=o.pk, involvement_id=i.pk) for o, i in protected])
        decisions: list[Decision] = []
        measures: list[MeasureTaken] = []
        for case, row, assessment, order_or_none in zip(cases, case_rows, assessments, orders, strict=True):
            municipality = orgs[case.municipality.code]
            police = orgs[case.municipality.police_unit]
            decision = Decision(
                case=row,
                assessment=assessment,
                outcome=case.outcome,
                not_possible_reasons=list(case.not_possible_reasons),
                reason="Synthetische geschiedenis (" + HISTORY_VERSION + ").",
                decided_at=case.decided_at,
                organisation=police
                if case.decided_by_role == "assistant_public_prosecutor"
                else municipality,
                role=case.decided_by_role,
                order=order_or_none,
                incident_at=case.incident_at,
                imported=True,
            )
            decisions.append(decision)
            measures.extend(
                MeasureTaken(
                    case=row,
                    decision=decision,
                    measure=measure,
                    track=track_of(measure),
                    taken_on=day,
                    organisation=municipality if measure in ("area_ban",) else police,
                    imported=True,
                )
                for measure, day in case.measures
            )
        insert(Decision, decisions)
        insert(MeasureTaken, measures)
        self._lifecycles(cases, involvements, assessments, orders)

    def _lifecycles(
        self,
        cases: Sequence[HistoryCase],
        involvements: Sequence[dict[str, Involvement]],
        assessments: Sequence[Assessment],
        orders: Sequence[Order | None],
    ) -> None:
        orgs, user, insert = self.orgs, self.user, self.insert
        events: list[OrderEvent] = []
        deadlines: list[Deadline] = []
        appeals: list[Appeal] = []
        violations: list[Violation] = []
        care: list[CarePlanItem] = []
        closings: list[Closing] = []
        extension_events: list[tuple[OrderEvent, bool, Order]] = []
        evaluations: list[tuple[Closing, Involvement, Any, bool]] = []
        for case, by_local, assessment, order in zip(cases, involvements, assessments, orders, strict=True):
            record = case.order
            if record is None or order is None:
                continue
            municipality = orgs[case.municipality.code]
            police = orgs[case.municipality.police_unit]
            for event in record.events:
                step = transition(OrderState(event.from_state), OrderAction(event.action))
                row = OrderEvent(
                    order=order,
                    action=event.action,
                    from_state=event.from_state,
                    to_state=event.to_state,
                    at=event.at,
                    role=event.role,
                    organisation=police if event.role == "assistant_public_prosecutor" else municipality,
                    assessment=assessment if event.action.startswith("impose") else None,
                    reason=event.reason,
                    legal_basis=step.legal_basis if step is not None else "",
                )
                events.append(row)
                if event.action == "extend":
                    extension_events.append((row, record.extension_waiting_list, order))
            deadlines.extend(
                Deadline(
                    order=order,
                    kind=d.kind,
                    due_at=d.due_at,
                    legal_basis=d.legal_basis,
                    description_key=d.description_key,
                    status=d.status,
                    closed_at=d.closed_at,
                )
                for d in record.deadlines
            )
            if record.appeal is not None:
                appeals.append(
                    Appeal(
                        order=order,
                        lodged_at=record.appeal["lodged_at"],
                        court=case.municipality.court,
                        hearing_at=record.appeal["hearing_at"],
                        decision=record.appeal["decision"],
                        decided_at=record.appeal["decided_at"],
                        recorded_by=user,
                        recorded_at=record.appeal["lodged_at"],
                    )
                )
            violations.extend(
                Violation(
                    order=order,
                    occurred_at=at,
                    description="Overtreding van het huisverbod (synthetische geschiedenis).",
                    reported_by=user,
                    reported_at=at + timedelta(hours=1),
                )
                for at in record.violations
            )
            closing = Closing(
                order=order,
                closed_at=record.closed_at,
                closed_by=user,
                organisation=municipality,
                handover="veilig_thuis" if case.joint else "local_team",
            )
            closings.append(closing)
            for item in record.care_plan:
                care.append(
                    CarePlanItem(
                        case=order.case,
                        involvement=by_local[item.local_id],
                        kind=item.kind,
                        help_needed=item.help_needed,
                        provider_other="Zorgaanbieder in de regio (synthetisch)",
                        status=item.status,
                        started_on=item.started_on,
                        created_by=user,
                        updated_by=user,
                        created_at=record.imposed_at + timedelta(days=1),
                        updated_at=record.closed_at,
                    )
                )
                evaluations.append((closing, by_local[item.local_id], item, bool(record.violations)))
        insert(OrderEvent, events)
        insert(Deadline, deadlines)
        insert(Appeal, appeals)
        insert(Violation, violations)
        insert(CarePlanItem, care)
        insert(Closing, closings)
        insert(
            PersonEvaluation,
            [
                PersonEvaluation(
                    closing=closing,
                    involvement=involvement,
                    help_started=item.started_on is not None,
                    help_started_during_order=item.started_during_order,
                    new_incidents=violated,
                    referral_outcome=_outcome(item.status),
                )
                for closing, involvement, item, violated in evaluations
            ],
        )
        insert(
            ExtensionAdvice,
            [
                ExtensionAdvice(
                    order=order,
                    decision=event,
                    prepared_at=event.at - timedelta(hours=2),
                    conclusion="waiting_list_only" if waiting else "threat_continues",
                    improper_if_extended=waiting,
                    improper_reason_noted=event.reason if waiting else "",
                    content={"synthetic": HISTORY_VERSION, "reason": event.reason},
                )
                for event, waiting, order in extension_events
            ],
        )


def _outcome(status: str) -> str:
    return {
        "started": "started",
        "waiting_list": "waiting",
        "declined": "declined",
        "referred": "waiting",
    }.get(status, "no_referral")


def _by_year(cases: Iterable[HistoryCase]) -> Iterator[tuple[int, list[HistoryCase]]]:
    for year, group in groupby(cases, key=lambda case: case.year):
        yield year, list(group)


def load_cases(config: HistoryConfig, progress: Progress = _quiet) -> Counter[str]:
    """The cases and everything decided on them, one transaction per year."""
    load_national_organisations()
    organisations = national_organisations()
    user = system_user()
    insert = _Inserter()
    writer = _YearWriter(insert, organisations, user)
    done = {year for year in config.year_range if _year_loaded(year)}
    total = len(config.year_range)
    for index, (year, cases) in enumerate(_by_year(history_cases(config)), start=1):
        if year in done:
            progress(f"cases {year} (already loaded)", index, total)
            continue
        with transaction.atomic(), historical_stamps():
            writer.write(cases)
        progress(f"cases {year}", index, total)
    return insert.counts


def _year_loaded(year: int) -> bool:
    return Case.objects.filter(reference__startswith=f"{REFERENCE_PREFIX}{year}-").exists()


def load_registries(config: HistoryConfig, progress: Progress = _quiet) -> dict[str, int]:
    """The police incidents and Veilig Thuis reports, with their blocking keys."""
    from huisverbod.core.matching.keys import blocking_keys
    from huisverbod.registries.backend import TABLES, as_record, forget_counts
    from huisverbod.registries.models import ImportBatch, Registry

    stored: dict[str, int] = {}
    volumes = sum(1 for _ in config.year_range)
    for name in (POLICE, VEILIG_THUIS):
        record_model, key_model = TABLES[Registry(name)]
        prefix = "HPOL-" if name == POLICE else "HVT-"
        if record_model.objects.filter(record_id__startswith=prefix).exists():
            progress(f"{name} (already loaded)", 1, 1)
            continue
        rates = config.rates
        expected = round(
            (rates.police_incidents_per_year if name == POLICE else rates.veilig_thuis_reports_per_year)
            * config.scale
            * volumes
        )
        insert = _Inserter()
        count = 0
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                registry=name,
                file_name=f"synthetic national history seed {config.seed}",
                file_format="synth",
                imported_by=SYSTEM_USERNAME,
            )
            rows = history_registry(config, name)
            while chunk := list(islice(rows, REGISTRY_CHUNK)):
                values = [_registry_values(row) for row in chunk]
                if insert.postgres:  # straight from the values: no model instances on the way
                    ids = insert.rows(
                        record_model, [{"batch_id": batch.pk, "summary": "", **v} for v in values]
                    )
                    insert.rows(
                        key_model,
                        [
                            {"key": key, "record_id": pk}
                            for pk, v in zip(ids, values, strict=True)
                            for key in blocking_keys(_matching_record(v))
                        ],
                    )
                else:
                    records = [record_model(batch=batch, **v) for v in values]
                    insert(record_model, records)
                    insert(
                        key_model,
                        [
                            key_model(key=key, record_id=r.pk)
                            for r in records
                            for key in blocking_keys(as_record(r))
                        ],
                    )
                count += len(values)
                progress(name, count, max(expected, count))
            batch.rows_read = batch.rows_stored = count
            batch.save(update_fields=["rows_read", "rows_stored"])
        stored[name] = count
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {record_model._meta.db_table}")
                cursor.execute(f"ANALYZE {key_model._meta.db_table}")
    forget_counts()
    return stored


def _matching_record(values: dict[str, Any]) -> Any:
    """The matcher's view of a registry row (as ``registries.backend.as_record`` gives it)."""
    from huisverbod.core.matching.model import Record

    return Record(
        record_id=values["record_id"],
        registry_person_id=values["registry_person_id"] or None,
        given_names=values["given_names"],
        prefix=values["prefix"],
        surname=values["surname"],
        birth_date=values["birth_date"],
        sex=values["sex"] or None,
        bsn=values["bsn"] or None,
        street=values["street"] or None,
        house_number=values["house_number"] or None,
        postcode=values["postcode"] or None,
    )


def _registry_values(row: Any) -> dict[str, Any]:
    values = {
        "record_id": row.record_id,
        "registry_person_id": row.registry_person_id or "",
        "bsn": row.bsn or "",
        "given_names": row.given_names,
        "prefix": row.prefix,
        "surname": row.surname,
        "birth_date": row.birth_date,
        "sex": row.sex or "",
        "street": row.street or "",
        "house_number": row.house_number or "",
        "postcode": row.postcode or "",
        "city": row.city or "",
    }
    if hasattr(row, "incident_date"):
        values.update(event_date=row.incident_date, incident_type=row.incident_type)
    else:
        values.update(event_date=row.melding_date, outcome=row.outcome)
    return values


def refresh_figures() -> bool:
    """Refresh the figures' materialised summaries, when the figures app offers it."""
    try:
        from huisverbod.figures.services import refresh_all  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return False
    refresh_all()
    return True


def load_history(
    config: HistoryConfig,
    *,
    registries: bool = True,
    refresh: bool = True,
    progress: Progress = _quiet,
    audit_context: Any = None,
) -> dict[str, Any]:
    """Load the whole history; returns the row counts and the seconds each stage took."""
    from huisverbod.audit.log import AuditContext, record

    began = time.perf_counter()
    counts = load_cases(config, progress)
    cases_seconds = time.perf_counter() - began
    stored = load_registries(config, progress) if registries else {}
    registry_seconds = time.perf_counter() - began - cases_seconds
    refreshed_at = time.perf_counter()
    refreshed = refresh_figures() if refresh else False
    summary: dict[str, Any] = {
        "generator": HISTORY_VERSION,
        "seed": config.seed,
        "start_year": config.start_year,
        "years": config.years,
        "scale": config.scale,
        "rows": dict(sorted(counts.items())),
        "registry_records": stored,
        "seconds": {
            "cases": round(cases_seconds, 1),
            "registries": round(registry_seconds, 1),
            "refresh": round(time.perf_counter() - refreshed_at, 1) if refreshed else None,
        },
        "figures_refreshed": refreshed,
    }
    if counts or stored:
        record(
            audit_context or AuditContext.for_command("synth history --load"),
            "history-import",
            detail={
                key: summary[key] for key in ("generator", "seed", "start_year", "years", "scale", "rows")
            }
            | {"registry_records": stored},
        )
    return summary
