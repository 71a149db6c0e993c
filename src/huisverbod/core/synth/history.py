"""The synthetic national history: years of assessments, decisions, measures and huisverboden
across the country, plus the police incidents and Veilig Thuis reports of those years.

Plain Python (no Django). Everything follows from ``HistoryConfig`` (seed, years, scale), so the
same config gives the same history. Persons come from the registry generator's population
(``population.py``: names, households, BSNs) and registry records from its writer with its noise
(``generate.py``); this module adds the cases and what was decided on them. The rates and their
sources are in ``NationalRates`` and docs/synth.md (*National history*). All persons are
synthetic.

Two independent streams, each seeded from the config:

- ``history_cases(config)``: one ``HistoryCase`` per assessment, with its case file
  (``huisverbod-casus/1``), the decision, the measures taken and, for an order, its lifecycle,
  care plan and closing evaluation;
- ``history_registry(config, registry)``: the year's police incidents or Veilig Thuis reports
  as registry rows (``rows.PoliceRecord`` / ``rows.VeiligThuisRecord``), record ids ``H…``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any
from zoneinfo import ZoneInfo

from huisverbod.core.advice.measures import MEASURE_BASIS
from huisverbod.core.calendar.instants import add_days_same_clock_time
from huisverbod.core.law.parameters import parameter_set
from huisverbod.core.orders.deadlines import deadlines_for
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.vocabulary import ImpositionForm, OrderState
from huisverbod.core.synth.generate import RegistryWriter
from huisverbod.core.synth.history_regions import Municipality, RegionalModel
from huisverbod.core.synth.population import Household, PopulationBuilder, TruePerson
from huisverbod.core.synth.profile import STANDARD, NoiseProfile
from huisverbod.core.synth.render import joined
from huisverbod.core.synth.rows import POLICE, VEILIG_THUIS, RegistryRow
from huisverbod.core.synth.tables import load_tables, weighted_choice

HISTORY_VERSION = "history/1"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PARAMETER_SET = "wth-2009"

ORDER, NO_ORDER, NOT_POSSIBLE = "order", "no_order", "not_possible"
EX_PARTNER, MINOR, INCIDENTAL_STAY = "ex_partner", "minor", "incidental_stay"


@dataclass(frozen=True)
class NationalRates:
    """The national rates at scale 1.0. [V] = verified in the domain brief (§5), [S] = the seed
    document, [U] = unverified: a plausible assumption of this project."""

    orders_per_year: float = 3_000  # issue 8; 11,692 orders 2009-2012 ≈ 2,900/yr [V]
    veilig_thuis_reports_per_year: float = 130_000  # 127,340 meldingen in 2023 (CBS 84849NED) [V]
    police_incidents_per_year: float = 100_000  # 95,541 DV incidents in 2012 (Bureau Beke) [V]
    year_sd: float = 0.03  # year-to-year variation of all volumes [U]
    # Outcome of an acute assessment; 2009: 2,719 RiHG -> 2,107 orders (77 %) [V]
    acute_outcomes: tuple[tuple[str, float], ...] = ((ORDER, 0.70), (NO_ORDER, 0.18), (NOT_POSSIBLE, 0.12))
    planned_outcomes: tuple[tuple[str, float], ...] = ((ORDER, 0.80), (NO_ORDER, 0.20))
    # Why not possible: ex-partner violence "usually falls outside the law" [S]; shares [U]
    not_possible_reasons: tuple[tuple[str, float], ...] = (
        (EX_PARTNER, 0.55),
        (INCIDENTAL_STAY, 0.30),
        (MINOR, 0.15),
    )
    second_reason: float = 0.10  # [U]
    joint_share: float = (
        0.55  # national mean of Veilig Thuis taking part [U]; "insufficiently in some regions" [S]
    )
    planned_share: float = 0.05  # [U]
    pilot_planned_share: float = 0.15  # Rotterdam and Den Haag pilots (domain brief §4.6) [U]
    advice_followed: float = 0.92  # the decision follows the advice [U]
    # Measures besides the order: "in more than 80 % of huisverboden also an arrest" [S]
    order_arrest: float = 0.88  # acute orders; with the planned ones about 82 % of all orders
    order_arrest_planned: float = 0.20  # [U]
    order_measures: tuple[tuple[str, float], ...] = (
        ("criminal_contact_ban", 0.15),
        ("care_referral", 0.85),
        ("shelter", 0.03),
    )  # [U]
    no_order_measures: tuple[tuple[str, float], ...] = (
        ("arrest", 0.45),
        ("criminal_contact_ban", 0.10),
        ("care_referral", 0.55),
        ("report_to_veilig_thuis", 0.60),
    )  # [U]
    not_possible_measures: tuple[tuple[str, float], ...] = (
        ("arrest", 0.55),
        ("criminal_contact_ban", 0.35),
        ("civil_contact_ban", 0.05),
        ("area_ban", 0.03),
        ("care_referral", 0.60),
        ("shelter", 0.12),
        ("report_to_veilig_thuis", 0.50),
    )  # [U]
    child_protection_with_children: float = 0.15  # [U]
    # The order's lifecycle; 2009: 41 % extended, 8 % withdrawn [V]; "about half extended" (issue 8)
    oral: float = 0.55  # [U]
    imposed_by_hovj: float = 0.90  # acute orders imposed by the HOvJ under mandate (practice [S]) [U]
    withdrawn: float = 0.08
    extended: float = 0.48
    extension_waiting_list: float = 0.18  # of extensions: a waiting list was (part of) the reason [U]
    appealed: float = 0.06  # [U]
    annulled_of_appeals: float = 0.20  # [U]
    violation: float = 0.12  # at least one violation [U]
    second_violation: float = 0.25  # of orders with one [U]
    # Help started while the order was in force, per person type [U]
    help_started: tuple[tuple[str, float], ...] = (("perpetrator", 0.45), ("victim", 0.65), ("child", 0.50))
    # Time from incident to decision on the acute route: log-normal, median 3 h [U; not measured, §5]
    decision_median_hours: float = 3.0
    decision_sigma: float = 0.6


NATIONAL = NationalRates()


@dataclass(frozen=True)
class HistoryConfig:
    seed: int = 1
    start_year: int = 2016
    years: int = 10
    scale: float = 1.0
    until: date | None = None  # no assessment on or after this day (the last year is cut short)
    rates: NationalRates = field(default=NATIONAL)
    profile: NoiseProfile = field(default=STANDARD)

    def __post_init__(self) -> None:
        if self.years < 1 or self.scale <= 0:
            raise ValueError("a history needs at least one year and a positive scale")

    @property
    def year_range(self) -> range:
        return range(self.start_year, self.start_year + self.years)

    @property
    def end(self) -> date:
        end = date(self.start_year + self.years, 1, 1)
        return min(end, self.until) if self.until is not None else end

    def year_end(self, year: int) -> date:
        """The first day after the part of ``year`` the history covers."""
        return min(date(year + 1, 1, 1), self.end)

    def year_fraction(self, year: int) -> float:
        days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        return max(0, (self.year_end(year) - date(year, 1, 1)).days) / days

    def assessments_per_year(self) -> float:
        """Expected assessments a year at this scale (orders / the order share)."""
        rates = self.rates
        planned = rates.planned_share
        order_share = (1 - planned) * dict(rates.acute_outcomes)[ORDER] + planned * dict(
            rates.planned_outcomes
        )[ORDER]
        return rates.orders_per_year * self.scale / order_share


def year_factors(config: HistoryConfig) -> dict[int, float]:
    """The year-to-year variation of all volumes, drawn once from the seed."""
    rng = Random(f"history-years:{config.seed}")  # noqa: S311 - synthetic data  # nosec B311
    return {year: max(0.5, 1 + rng.gauss(0.0, config.rates.year_sd)) for year in config.year_range}


def regional_model(config: HistoryConfig) -> RegionalModel:
    rates = config.rates
    return RegionalModel.draw(config.seed, rates.joint_share, rates.planned_share, rates.pilot_planned_share)


# -- the records of one case --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CasePersonRecord:
    local_id: str
    truth: TruePerson
    role: str  # perpetrator, victim, child, housemate
    residence: str

    @property
    def surname(self) -> str:
        return joined(self.truth.prefix, self.truth.surname)


@dataclass(frozen=True, slots=True)
class OrderEventRecord:
    action: str  # an OrderAction value
    from_state: str
    to_state: str
    at: datetime
    role: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
    kind: str
    due_at: datetime
    legal_basis: str
    description_key: str
    status: str  # met / void
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class CarePlanRecord:
    local_id: str  # the person's
    kind: str  # a monitoring ServiceKind value
    help_needed: str
    status: str  # a CarePlanStatus value
    started_on: date | None
    started_during_order: bool


@dataclass(frozen=True, slots=True)
class OrderRecord:
    number: str
    imposed_at: datetime
    imposed_by: str  # assistant_public_prosecutor / municipal_officer
    form: str  # oral / written
    written_at: datetime | None
    reachability_stated_at: datetime
    veilig_thuis_report_received_at: datetime
    ends_at: datetime
    latest_extension_end: datetime
    extended_at: datetime | None
    extended_until: datetime | None
    extension_reason: str
    extension_waiting_list: bool
    ended_at: datetime
    state: str
    appeal: dict[str, Any] | None  # lodged_at, hearing_at, decision, decided_at
    violations: tuple[datetime, ...]
    events: tuple[OrderEventRecord, ...]
    deadlines: tuple[DeadlineRecord, ...]
    care_plan: tuple[CarePlanRecord, ...]
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class HistoryCase:
    reference: str
    year: int
    municipality: Municipality
    route: str  # acute / planned
    trigger: str
    requested_by: str
    joint: bool
    incident_at: datetime | None
    assessed_at: datetime
    decided_at: datetime
    advice: str  # impose / do_not_impose / not_possible
    red_signals: int
    outcome: str  # order / no_order / not_possible
    not_possible_reasons: tuple[str, ...]
    decided_by_role: str
    street: str
    house_number: str
    postcode: str
    persons: tuple[CasePersonRecord, ...]
    relationships: tuple[tuple[str, str, str], ...]  # (first, second, kind)
    facts: tuple[dict[str, Any], ...]  # case-file facts
    measures: tuple[tuple[str, date], ...]
    order: OrderRecord | None

    @property
    def sources(self) -> list[str]:
        return ["police", "veilig_thuis"] if self.joint else ["police"]

    def casefile(self) -> dict[str, Any]:
        """The case as a ``huisverbod-casus/1`` case file."""
        trigger: dict[str, Any] = {"kind": self.trigger}
        if self.requested_by:
            trigger["requested_by"] = self.requested_by
        return {
            "format": "huisverbod-casus/1",
            "id": self.reference,
            "title": f"Synthetische geschiedenis {self.year}: {self.municipality.name}",
            "assessment_time": self.assessed_at.isoformat(timespec="minutes"),
            "trigger": trigger,
            "dwelling": {
                "street": self.street,
                "house_number": self.house_number,
                "postcode": self.postcode,
                "city": self.municipality.city,
            },
            "persons": [
                {
                    "id": p.local_id,
                    "given_names": p.truth.call_name,
                    "surname": p.surname,
                    "birth_date": p.truth.birth_date.isoformat(),
                    "sex": p.truth.sex,
                    "role": p.role,
                    "residence": p.residence,
                }
                for p in self.persons
            ],
            "relationships": [{"between": [a, b], "kind": kind} for a, b, kind in self.relationships],
            "facts": list(self.facts),
        }

    def result(self) -> dict[str, Any]:
        """A compact assessment result in the shape of the output contract (no instrument runs:
        the history records what was advised, not how)."""
        perpetrator = next(p.local_id for p in self.persons if p.role == "perpetrator")
        impose = self.advice == "impose"
        measures: list[dict[str, Any]] = [
            {
                "id": "huisverbod",
                "track": MEASURE_BASIS["huisverbod"][0].value,
                "advised": impose,
                "reason": "",
                "facts": [],
                "basis": MEASURE_BASIS["huisverbod"][1],
            },
            *(
                {
                    "id": measure,
                    "track": MEASURE_BASIS[measure][0].value,
                    "advised": True,
                    "reason": "",
                    "facts": [],
                    "basis": MEASURE_BASIS[measure][1],
                }
                for measure in sorted({m for m, _ in self.measures})
            ),
        ]
        return {
            "case": self.reference,
            "sources": self.sources,
            "parameter_set": PARAMETER_SET,
            "assessment_time": self.assessed_at.isoformat(timespec="minutes"),
            "perpetrator": perpetrator,
            "legal": {"possible": self.advice != "not_possible", "criteria": [], "requirements": []},
            "instruments": [],
            "advice": {
                "huisverbod": self.advice,
                "route": self.route if impose else None,
                "route_reason": None,
                "reason": "Synthetic national history (" + HISTORY_VERSION + ").",
                "measures": measures,
                "protects_instead": [],
            },
            "synthetic": HISTORY_VERSION,
        }


# -- generating cases -----------------------------------------------------------------------------

_INCIDENT_FACTS = (
    ("physical_violence", 0.55, "Fysiek geweld tegen de partner."),
    ("threat", 0.35, "Bedreiging geuit tijdens het incident."),
    ("injury", 0.30, "Zichtbaar letsel bij het slachtoffer."),
    ("psychological_abuse", 0.25, "Langdurig kleineren en vernederen."),
    ("property_damage", 0.15, "Vernielingen in de woning."),
    ("strangulation", 0.06, "Slachtoffer verklaart gewurgd te zijn."),
    ("threat_to_kill", 0.08, "Doodsbedreiging geuit."),
)
_PERSON_FACTS = (
    ("alcohol_abuse", 0.30, "Alcoholgebruik bij het incident."),
    ("drug_abuse", 0.10, "Drugsgebruik bekend."),
    ("jealousy_or_control", 0.20, "Jaloers en controlerend gedrag."),
    ("denies_or_minimises", 0.30, "Ontkent of bagatelliseert het geweld."),
    ("criminal_record", 0.20, "Eerdere antecedenten bekend."),
)
_EXTENSION_REASONS = (
    "De dreiging van gevaar duurt voort: nieuwe signalen sinds het opleggen.",
    "Het slachtoffer is nog bang; de hulp is net gestart en moet landen.",
    "Overtreding van het huisverbod; de dreiging houdt aan.",
)
_WAITING_LIST_REASON = "De hulp voor de uithuisgeplaatste staat op een wachtlijst."
_WITHDRAW_REASONS = (
    "Dreiging verminderd; de hulp is gestart en partijen werken mee.",
    "Uithuisgeplaatste heeft elders woonruimte en werkt mee aan hulp.",
)
_CARE_KIND = {
    "perpetrator": ("perpetrator_programme", "Plegerhulp en gedragsinterventie"),
    "victim": ("victim_support", "Slachtofferhulp en veiligheidsplan"),
    "child": ("youth_care", "Jeugdhulp voor het kind"),
}


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


# Evenings and nights most of all (domestic incidents peak after 18:00) [U]
_HOURS = tuple((hour, 3.0 if hour >= 18 or hour < 2 else 1.5 if hour >= 12 else 0.6) for hour in range(24))


def _incident_hour(rng: Random) -> int:
    return weighted_choice(rng, _HOURS)


def _chance(rng: Random, p: float) -> bool:
    return rng.random() < p


class _CaseMaker:
    def __init__(self, config: HistoryConfig) -> None:
        self.config = config
        self.rates = config.rates
        self.rng = Random(f"history-cases:{config.seed}")  # noqa: S311 - synthetic data  # nosec B311
        self.model = regional_model(config)
        self.builder = PopulationBuilder(
            self.rng,
            load_tables(),
            config.profile.population,
            config.seed * 7919 + 1,
            date(config.start_year, 1, 1),
        )
        self.law = parameter_set(PARAMETER_SET)
        self.order_numbers: dict[tuple[str, int], int] = {}
        self.sequence = 0

    # --- persons -----------------------------------------------------------------------------------
    def _household(self, day: date, *, children: bool = False, two_adults: bool = False) -> Household:
        self.builder.today = day
        for _ in range(50):
            household = self.builder.household()
            adults = [m for m in household.members if not m.is_child]
            kids = [m for m in household.members if m.is_child]
            enough = len(adults) >= 2 if two_adults else bool(adults)
            if len(household.members) >= 2 and enough and (kids or not children):
                return household
        return household

    def _persons(
        self, day: date, outcome: str, reasons: tuple[str, ...]
    ) -> tuple[tuple[CasePersonRecord, ...], tuple[tuple[str, str, str], ...]]:
        rng = self.rng
        household = self._household(day, children=MINOR in reasons, two_adults=EX_PARTNER in reasons)
        adults = [m for m in household.members if not m.is_child]
        kids = [m for m in household.members if m.is_child]
        records: list[CasePersonRecord] = []
        relationships: list[tuple[str, str, str]] = []
        if MINOR in reasons:
            minor = kids[0]
            age = rng.randint(14, 17)
            birth = date(day.year - age, minor.birth_date.month, min(minor.birth_date.day, 28))
            minor = replace(minor, birth_date=birth)
            residence = "stays_incidentally" if INCIDENTAL_STAY in reasons else "lives_there"
            records.append(CasePersonRecord("p1", minor, "perpetrator", residence))
            records.append(CasePersonRecord("p2", adults[0], "victim", "lives_there"))
            relationships.append(("p2", "p1", "parent_child"))
            return tuple(records), tuple(relationships)
        perpetrator = adults[0]
        victim = adults[1] if len(adults) > 1 else None
        residence = "lives_there" if _chance(rng, 0.9) else "stays_more_than_incidentally"
        if INCIDENTAL_STAY in reasons:
            residence = "stays_incidentally"
        same_name = victim is not None and (victim.prefix, victim.surname) == (
            perpetrator.prefix,
            perpetrator.surname,
        )
        kind = "siblings" if same_name and victim is not None and not victim.partner_surname else "partners"
        if EX_PARTNER in reasons:  # an ex-partner who lives elsewhere (or stays over now and then)
            residence = "stays_incidentally" if INCIDENTAL_STAY in reasons else "lives_elsewhere"
            kind = "ex_partners"
        records.append(CasePersonRecord("p1", perpetrator, "perpetrator", residence))
        if victim is not None:
            records.append(CasePersonRecord("p2", victim, "victim", "lives_there"))
            relationships.append(("p1", "p2", kind))
        for number, child in enumerate(kids, start=len(records) + 1):
            if child.birth_date >= day:
                continue
            local = f"p{number}"
            records.append(CasePersonRecord(local, child, "child" if victim else "victim", "lives_there"))
            relationships.append(("p1", local, "parent_child"))
        return tuple(records), tuple(relationships)

    # --- facts -------------------------------------------------------------------------------------
    def _facts(
        self,
        persons: tuple[CasePersonRecord, ...],
        moment: datetime,
        joint: bool,
        outcome: str,
        reasons: tuple[str, ...],
    ) -> list[dict[str, Any]]:
        rng = self.rng
        perpetrator = persons[0].local_id
        victim = persons[1].local_id if len(persons) > 1 else perpetrator
        day = moment.date().isoformat()
        facts: list[dict[str, Any]] = []

        def add(
            fact_type: str,
            text: str,
            source: str,
            origin: str,
            *,
            dated: str | None = None,
            against: bool = True,
        ) -> None:
            fact: dict[str, Any] = {"id": f"f{len(facts) + 1}", "type": fact_type}
            if dated:
                fact["date"] = dated
            fact["about"] = [perpetrator]
            if against and victim != perpetrator:
                fact["against"] = [victim]
            fact.update({"source": source, "origin": origin, "text": text})
            facts.append(fact)

        weight = 1.4 if outcome == ORDER else 0.7
        for fact_type, p, text in _INCIDENT_FACTS:
            if _chance(rng, min(0.95, p * weight)):
                add(
                    fact_type,
                    text,
                    "police",
                    "observation" if fact_type in ("injury", "property_damage") else "statement",
                    dated=day,
                )
        if not facts:
            add("threat", "Bedreiging geuit tijdens het incident.", "police", "statement", dated=day)
        if EX_PARTNER in reasons:
            add(
                "stalking",
                "Ex-partner zoekt steeds contact en staat voor de deur.",
                "police",
                "statement",
                dated=day,
            )
        if any(p.role == "child" for p in persons):
            add(
                "violence_in_presence_of_children",
                "Het geweld vond plaats waar de kinderen bij waren.",
                "police",
                "statement",
                dated=day,
            )
        for fact_type, p, text in _PERSON_FACTS:
            if _chance(rng, p):
                add(
                    fact_type,
                    text,
                    "police",
                    "record" if fact_type == "criminal_record" else "statement",
                    against=False,
                )
        if joint:
            earlier = moment.date() - timedelta(days=rng.randint(60, 900))
            add(
                "prior_report",
                "Eerdere melding bij Veilig Thuis.",
                "veilig_thuis",
                "record",
                dated=earlier.strftime("%Y-%m"),
            )
            if _chance(rng, 0.4):
                add(
                    "prior_domestic_violence",
                    "Eerder huiselijk geweld bekend bij Veilig Thuis.",
                    "veilig_thuis",
                    "record",
                )
        return facts

    # --- the order ---------------------------------------------------------------------------------
    def _order_number(self, municipality: Municipality, year: int) -> str:
        key = (municipality.code, year)
        self.order_numbers[key] = self.order_numbers.get(key, 0) + 1
        return f"HVH-{year}-{self.order_numbers[key]:05d}"

    def _order(
        self,
        municipality: Municipality,
        imposed_at: datetime,
        route: str,
        persons: tuple[CasePersonRecord, ...],
    ) -> OrderRecord:
        rng, rates, law = self.rng, self.rates, self.law
        hovj = route == "acute" and _chance(rng, rates.imposed_by_hovj)
        imposed_by = "assistant_public_prosecutor" if hovj else "municipal_officer"
        oral = route == "acute" and _chance(rng, rates.oral)
        form = ImpositionForm.ORAL if oral else ImpositionForm.WRITTEN
        written_at = imposed_at + timedelta(hours=rng.uniform(2, 20)) if oral else None
        reachability = imposed_at + timedelta(hours=rng.uniform(0.5, 12))
        vt_received = imposed_at + timedelta(hours=rng.uniform(1, 18))
        initial_end = add_days_same_clock_time(imposed_at, law.order.initial_duration_days)
        latest = add_days_same_clock_time(imposed_at, law.order.max_duration_days)
        timeline = OrderTimeline(
            imposed_at=imposed_at,
            imposition_form=form,
            written_beschikking_at=written_at,
            veilig_thuis_report_received_at=vt_received,
        )
        start_state = OrderState.IMPOSED_ORALLY if oral else OrderState.IMPOSED
        at_imposition = deadlines_for(start_state, timeline, law)
        events = [
            OrderEventRecord(
                "impose_orally" if oral else "impose_in_writing",
                "prepared",
                start_state.value,
                imposed_at,
                imposed_by,
            )
        ]
        state = start_state.value
        if written_at is not None:
            events.append(OrderEventRecord("confirm_in_writing", state, "imposed", written_at, imposed_by))
            state = "imposed"
        extended_at = extended_until = None
        reason, waiting = "", False
        appeal: dict[str, Any] | None = None
        ended_at = initial_end
        if _chance(rng, rates.appealed):
            lodged = imposed_at + timedelta(days=rng.uniform(1, 5))
            decided = lodged + timedelta(days=rng.uniform(2, 4))
            decision = weighted_choice(
                rng, (("annulled", rates.annulled_of_appeals), ("dismissed", 0.75), ("withdrawn", 0.05))
            )
            appeal = {"lodged_at": lodged, "hearing_at": decided, "decision": decision, "decided_at": decided}
        if _chance(rng, rates.withdrawn):
            ended_at = imposed_at + timedelta(days=rng.uniform(2, 9))
            events.append(
                OrderEventRecord(
                    "withdraw",
                    state,
                    "ended_withdrawn",
                    ended_at,
                    "municipal_officer",
                    rng.choice(_WITHDRAW_REASONS),
                )
            )
            state = "ended_withdrawn"
            appeal = None
        elif appeal is not None and appeal["decision"] == "annulled":
            ended_at = appeal["decided_at"]
            events.append(
                OrderEventRecord(
                    "annul",
                    state,
                    "ended_annulled",
                    ended_at,
                    "municipal_officer",
                    "Vernietigd door de rechter.",
                )
            )
            state = "ended_annulled"
        else:
            if _chance(rng, rates.extended / (1 - rates.withdrawn)):
                extended_at = initial_end - timedelta(hours=rng.uniform(6, 60))
                extended_until = latest
                waiting = _chance(rng, rates.extension_waiting_list)
                reason = _WAITING_LIST_REASON if waiting else rng.choice(_EXTENSION_REASONS)
                events.append(
                    OrderEventRecord("extend", state, "extended", extended_at, "municipal_officer", reason)
                )
                state = "extended"
                ended_at = latest
            events.append(OrderEventRecord("expire", state, "ended_expired", ended_at, "system"))
            state = "ended_expired"
        violations: list[datetime] = []
        if _chance(rng, rates.violation):
            count = 2 if _chance(rng, rates.second_violation) else 1
            span = (ended_at - imposed_at).total_seconds()
            violations = sorted(
                imposed_at + timedelta(seconds=rng.uniform(3600, max(span, 7200))) for _ in range(count)
            )
        deadlines = []
        for deadline in at_imposition:
            met = (
                deadline.kind.startswith(("written", "reachability"))
                or (extended_at is not None and deadline.kind.startswith("extension"))
                or (state == "ended_expired" and deadline.kind in ("ends_at", "latest_extension_end"))
            )
            closed = min(deadline.due_at, ended_at) if met else ended_at
            deadlines.append(
                DeadlineRecord(
                    deadline.kind,
                    deadline.due_at,
                    deadline.legal_basis,
                    deadline.description_key,
                    "met" if met else "void",
                    closed,
                )
            )
        help_started = dict(rates.help_started)
        care: list[CarePlanRecord] = []
        for person in persons:
            role = "child" if person.role == "child" else person.role
            if role not in _CARE_KIND:
                continue
            kind, text = _CARE_KIND[role]
            during = False if waiting and role == "perpetrator" else _chance(rng, help_started[role])
            if during:
                started: date | None = (
                    imposed_at + timedelta(days=rng.uniform(1, max(2.0, (ended_at - imposed_at).days - 1)))
                ).date()
                status = "started"
            elif _chance(rng, 0.5):
                started = (ended_at + timedelta(days=rng.uniform(3, 60))).date()
                status = "started"
            else:
                started = None
                status = (
                    "waiting_list"
                    if waiting and role == "perpetrator"
                    else weighted_choice(rng, (("declined", 0.4), ("referred", 0.4), ("needed", 0.2)))
                )
            care.append(CarePlanRecord(person.local_id, kind, text, status, started, during))
        return OrderRecord(
            number=self._order_number(municipality, imposed_at.year),
            imposed_at=imposed_at,
            imposed_by=imposed_by,
            form=form.value,
            written_at=written_at,
            reachability_stated_at=reachability,
            veilig_thuis_report_received_at=vt_received,
            ends_at=ended_at if state != "ended_expired" else (extended_until or initial_end),
            latest_extension_end=latest,
            extended_at=extended_at,
            extended_until=extended_until,
            extension_reason=reason,
            extension_waiting_list=waiting,
            ended_at=ended_at,
            state=state,
            appeal=appeal,
            violations=tuple(violations),
            events=tuple(events),
            deadlines=tuple(deadlines),
            care_plan=tuple(care),
            closed_at=ended_at + timedelta(days=rng.uniform(1, 14)),
        )

    # --- one case ----------------------------------------------------------------------------------
    def case(self, year: int) -> HistoryCase:
        rng, rates, model = self.rng, self.rates, self.model
        self.sequence += 1
        municipality = model.municipalities.pick(rng)
        start = date(year, 1, 1)
        day = start + timedelta(days=rng.randrange((self.config.year_end(year) - start).days))
        planned = _chance(rng, model.planned_share[municipality.police_unit])
        route = "planned" if planned else "acute"
        joint = planned or _chance(rng, model.joint_share[municipality.veilig_thuis_region])
        outcome = weighted_choice(rng, rates.planned_outcomes if planned else rates.acute_outcomes)
        reasons: tuple[str, ...] = ()
        if outcome == NOT_POSSIBLE:
            first = weighted_choice(rng, rates.not_possible_reasons)
            reasons = (first,)
            if _chance(rng, rates.second_reason):
                others = [
                    (r, w)
                    for r, w in rates.not_possible_reasons
                    if r != first and {r, first} != {MINOR, EX_PARTNER}
                ]
                if others:
                    reasons = tuple(sorted({first, weighted_choice(rng, others)}))
        if planned:
            incident_at = None
            decided_at = _at(day, rng.randint(9, 16), rng.randrange(0, 60, 5))
            trigger, requested_by = "planned", "veilig_thuis"
        else:
            incident_at = _at(day, _incident_hour(rng), rng.randrange(60))
            hours = math.exp(math.log(rates.decision_median_hours) + rng.gauss(0, rates.decision_sigma))
            decided_at = (incident_at + timedelta(hours=hours)).astimezone(AMSTERDAM)
            trigger = weighted_choice(
                rng, (("police_incident", 0.90), ("veilig_thuis_report", 0.07), ("crisis_service", 0.03))
            )
            requested_by = (
                "police"
                if trigger == "police_incident"
                else "veilig_thuis"
                if trigger == "veilig_thuis_report"
                else ""
            )
        assessed_at = decided_at - timedelta(minutes=rng.randint(5, 40))
        if outcome == NOT_POSSIBLE:
            advice = "not_possible"
        elif outcome == ORDER:
            advice = "impose" if _chance(rng, rates.advice_followed) else "do_not_impose"
        else:
            advice = "do_not_impose" if _chance(rng, rates.advice_followed) else "impose"
        red = rng.randint(2, 6) if advice == "impose" else rng.randint(0, 3)
        persons, relationships = self._persons(day, outcome, reasons)
        facts = self._facts(persons, incident_at or assessed_at, joint, outcome, reasons)
        measures = self._measures(outcome, route, persons, decided_at.date())
        order = self._order(municipality, decided_at, route, persons) if outcome == ORDER else None
        address = persons[-1].truth.address_on(day)
        decided_by_role = (
            order.imposed_by
            if order is not None
            else "assistant_public_prosecutor"
            if route == "acute"
            else "municipal_officer"
        )
        return HistoryCase(
            reference=f"hist-{year}-{self.sequence:06d}",
            year=year,
            municipality=municipality,
            route=route,
            trigger=trigger,
            requested_by=requested_by,
            joint=joint,
            incident_at=incident_at,
            assessed_at=assessed_at,
            decided_at=decided_at,
            advice=advice,
            red_signals=red,
            outcome=outcome,
            not_possible_reasons=reasons,
            decided_by_role=decided_by_role,
            street=address.street,
            house_number=address.house_number,
            postcode=f"{municipality_postcode(municipality, address.postcode)}",
            persons=persons,
            relationships=relationships,
            facts=tuple(facts),
            measures=measures,
            order=order,
        )

    def _measures(
        self, outcome: str, route: str, persons: tuple[CasePersonRecord, ...], day: date
    ) -> tuple[tuple[str, date], ...]:
        rng, rates = self.rng, self.rates
        taken: list[str] = []
        if outcome == ORDER:
            if _chance(rng, rates.order_arrest if route == "acute" else rates.order_arrest_planned):
                taken.append("arrest")
            options = rates.order_measures
        else:
            options = rates.no_order_measures if outcome == NO_ORDER else rates.not_possible_measures
        taken.extend(measure for measure, p in options if _chance(rng, p))
        if any(p.role == "child" for p in persons) and _chance(rng, rates.child_protection_with_children):
            taken.append("child_protection")
        return tuple((measure, day) for measure in taken)


def municipality_postcode(municipality: Municipality, postcode: str) -> str:
    """The address's postcode letters with digits the dwelling's city uses (``cities.csv``)."""
    tables = load_tables()
    letters = postcode[-2:] if len(postcode) >= 2 else "AA"
    for city in tables.cities.items:
        if city.name == municipality.city:
            digits = city.postcode_from + (
                sum(map(ord, letters)) % (city.postcode_to - city.postcode_from + 1)
            )
            return f"{digits} {letters}"
    return postcode


def year_volumes(config: HistoryConfig) -> dict[int, dict[str, int]]:
    """Per year: assessments, police incidents and Veilig Thuis reports to generate."""
    factors = year_factors(config)
    rates = config.rates
    return {
        year: {
            "assessments": max(1, round(config.assessments_per_year() * factors[year] * share)),
            POLICE: round(rates.police_incidents_per_year * config.scale * factors[year] * share),
            VEILIG_THUIS: round(rates.veilig_thuis_reports_per_year * config.scale * factors[year] * share),
        }
        for year in config.year_range
        if (share := config.year_fraction(year)) > 0
    }


def history_cases(config: HistoryConfig) -> Iterator[HistoryCase]:
    """Every assessment of the history, year by year, in time order within the year."""
    maker = _CaseMaker(config)
    for year, volume in year_volumes(config).items():
        cases = [maker.case(year) for _ in range(volume["assessments"])]
        cases.sort(key=lambda case: (case.decided_at.astimezone(UTC), case.reference))
        yield from cases


def history_registry(config: HistoryConfig, registry: str) -> Iterator[RegistryRow]:
    """The registry's records of every year (police incidents or Veilig Thuis reports), each dated
    within its year, about persons of the synthetic population (with the registry's noise)."""
    if registry not in (POLICE, VEILIG_THUIS):
        raise ValueError(f"unknown registry {registry!r}")
    tables = load_tables()
    rng = Random(f"history-registry:{registry}:{config.seed}")  # noqa: S311 - synthetic data  # nosec B311
    builder = PopulationBuilder(
        rng,
        tables,
        config.profile.population,
        config.seed * 7919 + (2 if registry == POLICE else 3),
        date(config.start_year, 1, 1),
    )
    noise = config.profile.police if registry == POLICE else config.profile.veilig_thuis
    writer = RegistryWriter(registry, noise, 0, tables, date(config.start_year, 1, 1), id_prefix="H")
    for year, volume in year_volumes(config).items():
        writer.start = date(year, 1, 1)
        writer.today = builder.today = config.year_end(year)
        writer.limit += volume[registry]
        while not writer.full:
            yield from writer.records(builder.household(), rng)
