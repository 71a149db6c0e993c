"""Every measure weighed, on every track, each with its legal basis and the facts it rests on.

The seed document (2022) asks to weigh administrative, criminal, civil, care and youth measures
together ("integraal afwegen van veiligheidsmaatregelen"). Where a huisverbod is not possible
(an ex-partner living elsewhere, a minor, someone who only stays incidentally), these say what
protects the victim instead; where the perpetrator can be made to leave, the victims stay home.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from huisverbod.core.advice.context import ACUTE_UNSAFETY, STRUCTURAL_UNSAFETY, AdviceContext
from huisverbod.core.advice.decision import Huisverbod
from huisverbod.core.advice.offences import articles
from huisverbod.core.casefile.model import Fact
from huisverbod.core.law.findings import Finding, ParamValue, finding, merge_facts
from huisverbod.core.law.persons import describe


class Track(StrEnum):
    ADMINISTRATIVE = "administrative"
    CRIMINAL = "criminal"
    CIVIL = "civil"
    CARE = "care"
    YOUTH = "youth"


# measure id -> (track, legal basis or norm)
MEASURE_BASIS: dict[str, tuple[Track, str]] = {
    "huisverbod": (Track.ADMINISTRATIVE, "art. 2 Wth"),
    "administrative_contact_ban": (Track.ADMINISTRATIVE, "proposal: [measures] administrative_contact_ban"),
    "arrest": (Track.CRIMINAL, "art. 27, 53, 54 Sv"),
    "criminal_contact_ban": (Track.CRIMINAL, "art. 38v Sr; art. 80 Sv"),
    "civil_contact_ban": (Track.CIVIL, "art. 6:162 BW (kort geding)"),
    "area_ban": (Track.ADMINISTRATIVE, "art. 172a Gemeentewet"),
    "report_to_veilig_thuis": (Track.CARE, "art. 4.1.1 Wmo 2015; Meldcode afweging 2"),
    "care_referral": (Track.CARE, "MvT Wth (afkoelingsperiode); Meldcode afwegingen 3-5"),
    "shelter": (Track.CARE, "Wmo 2015 (opvang); Kamervragen 2025D49716"),
    "child_protection": (Track.YOUTH, "art. 1:255, 1:257 BW; art. 4.1.1 Wmo 2015"),
}


@dataclass(frozen=True)
class Measure:
    id: str
    track: Track
    basis: str  # the legal basis or norm
    advised: bool
    finding: Finding


def _measure(
    measure_id: str, advised: bool, code: str, facts: tuple[str, ...] = (), **params: ParamValue
) -> Measure:
    track, basis = MEASURE_BASIS[measure_id]
    return Measure(measure_id, track, basis, advised, finding(f"measure.{code}", facts, **params))


def _ids(facts: Sequence[Fact]) -> tuple[str, ...]:
    return tuple(f.id for f in facts)


def huisverbod(ctx: AdviceContext, decision_findings: tuple[Finding, ...]) -> Measure:
    facts = merge_facts(*(f.facts for f in decision_findings))
    return _measure(
        "huisverbod", ctx.decision == Huisverbod.IMPOSE, f"huisverbod.{ctx.decision.value}", facts
    )


def arrest(ctx: AdviceContext) -> Measure:
    """A reasonable suspicion of an offence in the current incident (art. 27, 53 Sv). With no risk
    signal at all (a mutual push, say) arresting is out of proportion: the report is recorded."""
    current = tuple(f for f in ctx.offences if f in ctx.current_incident)
    if current and ctx.red_signals:
        return _measure("arrest", True, "arrest.current_offence", _ids(current), articles=articles(current))
    if current:
        return _measure("arrest", False, "arrest.low_risk", _ids(current), articles=articles(current))
    if ctx.offences:
        offences = ctx.offences
        return _measure(
            "arrest", False, "arrest.no_current_offence", _ids(offences), articles=articles(offences)
        )
    return _measure("arrest", False, "arrest.no_offence")


def criminal_contact_ban(ctx: AdviceContext) -> Measure:
    facts = _ids(ctx.offences)
    if not ctx.offences:
        return _measure("criminal_contact_ban", False, "criminal_ban.no_offence")
    if ctx.decision == Huisverbod.NOT_POSSIBLE:
        return _measure(
            "criminal_contact_ban", True, "criminal_ban.instead", facts, articles=articles(ctx.offences)
        )
    if ctx.danger_met:
        return _measure(
            "criminal_contact_ban", True, "criminal_ban.alongside", facts, articles=articles(ctx.offences)
        )
    return _measure("criminal_contact_ban", False, "criminal_ban.low_risk", facts)


def civil_contact_ban(ctx: AdviceContext) -> Measure:
    """Summary proceedings for a restraining and contact ban (tort, art. 6:162 BW)."""
    # Coercive control is an unlawful act even without a violent incident.
    facts = merge_facts(_ids(ctx.violence), ctx.yes("jealousy_control"))
    if not facts:
        return _measure("civil_contact_ban", False, "civil_ban.no_violence")
    if ctx.decision == Huisverbod.IMPOSE:
        days = ctx.params.order.max_duration_days
        return _measure("civil_contact_ban", False, "civil_ban.huisverbod_covers", facts, days=days)
    if ctx.subject_is_minor:
        # A parent suing the child who lives with them: the youth track is the way (child_protection).
        return _measure("civil_contact_ban", False, "civil_ban.minor", facts)
    if ctx.decision == Huisverbod.NOT_POSSIBLE:
        return _measure("civil_contact_ban", True, "civil_ban.instead", facts)
    # No order while they live together: a civil ban fits when the risk lies in separation,
    # stalking or coercive control (DASH: separation with coercive control is high risk).
    pattern = merge_facts(*(ctx.yes(i) for i in ("separation_recent", "stalking_recent", "jealousy_control")))
    if ctx.red_signals and pattern:
        facts = merge_facts(facts, pattern)
        return _measure(
            "civil_contact_ban", True, "civil_ban.risk_without_order", facts, count=ctx.red_signals
        )
    return _measure("civil_contact_ban", False, "civil_ban.low_risk", facts)


def area_ban(ctx: AdviceContext) -> Measure:
    """art. 172a Gemeentewet: the mayor's area ban after repeated disturbance of public order,
    e.g. an ex-partner who keeps turning up at the victim's home (Rb. Midden-Nederland 2018:2287)."""
    stalking = tuple(f for f in ctx.violence if f.type == "stalking")
    if ctx.decision == Huisverbod.NOT_POSSIBLE and ctx.residence_fails and stalking:
        return _measure("area_ban", True, "area_ban.stalking", _ids(stalking))
    return _measure("area_ban", False, "area_ban.no_ground")


def administrative_contact_ban(ctx: AdviceContext) -> Measure:
    """Only in parameter sets that have it (a proposal): a contact ban without residence."""
    advised = ctx.residence_fails and ctx.criteria["adult"].met and ctx.danger_met
    code = "administrative_ban.instead" if advised else "administrative_ban.not_needed"
    return _measure(
        "administrative_contact_ban", advised, code, ctx.criteria["danger"].facts if advised else ()
    )


def report_to_veilig_thuis(ctx: AdviceContext) -> Measure:
    facts = merge_facts(_ids(ctx.violence), _ids(ctx.child_abuse))
    unsafety = ctx.concluded(ACUTE_UNSAFETY) or ctx.concluded(STRUCTURAL_UNSAFETY)
    if not facts and unsafety is None:
        return _measure("report_to_veilig_thuis", False, "report_vt.no_suspicion")
    code = "report_vt.involved" if ctx.veilig_thuis_involved else "report_vt.report"
    return _measure("report_to_veilig_thuis", True, code, merge_facts(facts, unsafety or ()))


# A need for help -> the shared items that show it.
CARE_NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("addiction_care", ("alcohol_problem", "drug_problem")),
    ("mental_health_care", ("psychiatric_problems", "perpetrator_suicidal")),
    ("victim_support", ("victim_vulnerable", "victim_suicidal", "victim_isolated")),
    ("children_support", ("children_witnessed_recent", "children_afraid", "child_hurt_recent")),
    ("escalate_waiting_list", ("help_waiting_list",)),
    ("multidisciplinary_approach", ("help_without_result",)),
)


def care_referral(ctx: AdviceContext) -> Measure:
    """The cooling-off period exists so that help can start (MvT Wth); Meldcode afwegingen 3-5."""
    if not ctx.violence and not ctx.child_abuse:
        return _measure("care_referral", False, "care.no_need")
    needs = [(need, merge_facts(*(ctx.yes(i) for i in items))) for need, items in CARE_NEEDS]
    found = [(need, facts) for need, facts in needs if facts]
    lodging = _ids(ctx.facts_of("no_alternative_address"))
    if ctx.decision == Huisverbod.IMPOSE and lodging:
        found.append(("lodging_for_perpetrator", lodging))
    facts = merge_facts(_ids(ctx.violence), *(f for _, f in found))
    return _measure(
        "care_referral", True, "care.help", facts, needs=tuple(n for n, _ in found) or ("general_help",)
    )


def shelter(ctx: AdviceContext) -> Measure:
    """Shelter is the fall-back when the perpetrator stays (Kamervragen 2025D49716)."""
    if ctx.decision == Huisverbod.IMPOSE:
        return _measure("shelter", False, "shelter.perpetrator_leaves")
    acute = ctx.concluded(ACUTE_UNSAFETY)
    if ctx.danger_met or acute is not None:
        facts = merge_facts(ctx.criteria["danger"].facts if ctx.danger_met else (), acute or ())
        return _measure("shelter", True, "shelter.no_order", facts)
    return _measure("shelter", False, "shelter.not_needed")


def child_protection(ctx: AdviceContext) -> Measure:
    """The Raad voor de Kinderbescherming investigates a (provisional) supervision order (art. 1:255,
    1:257 BW) when a child's development is seriously threatened; Veilig Thuis can ask it."""
    if ctx.subject is not None and ctx.subject_is_minor:
        age = ctx.subject.age_on(ctx.roles.day)
        facts = _ids(ctx.violence)
        return _measure(
            "child_protection",
            True,
            "child_protection.minor_perpetrator",
            facts,
            person=describe(ctx.subject),
            age=age,
        )
    hurt = ctx.yes("child_hurt_recent")
    witnessed = ctx.yes("children_witnessed_recent")
    afraid = ctx.yes("children_afraid")
    if hurt or (witnessed and afraid):
        return _measure(
            "child_protection", True, "child_protection.abuse", merge_facts(hurt, witnessed, afraid)
        )
    if ctx.child_abuse:
        return _measure(
            "child_protection", False, "child_protection.veilig_thuis_first", _ids(ctx.child_abuse)
        )
    if ctx.resident_minors and ctx.violence:
        return _measure("child_protection", False, "child_protection.children_present", _ids(ctx.violence))
    return _measure("child_protection", False, "child_protection.no_children")


MEASURES: tuple[Callable[[AdviceContext], Measure], ...] = (
    arrest,
    criminal_contact_ban,
    civil_contact_ban,
    area_ban,
    report_to_veilig_thuis,
    care_referral,
    shelter,
    child_protection,
)


def weigh(ctx: AdviceContext, decision_findings: tuple[Finding, ...]) -> tuple[Measure, ...]:
    weighed = [huisverbod(ctx, decision_findings)]
    measures = ctx.params.measures
    if measures is not None and measures.administrative_contact_ban:
        weighed.append(administrative_contact_ban(ctx))
    weighed.extend(weigh_one(ctx) for weigh_one in MEASURES)
    return tuple(weighed)
