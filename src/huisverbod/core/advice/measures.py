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
from huisverbod.core.law.findings import Finding, finding, merge_facts
from huisverbod.core.law.persons import describe


class Track(StrEnum):
    ADMINISTRATIVE = "administrative"
    CRIMINAL = "criminal"
    CIVIL = "civil"
    CARE = "care"
    YOUTH = "youth"


@dataclass(frozen=True)
class Measure:
    id: str
    track: Track
    basis: str  # the legal basis or norm
    advised: bool
    finding: Finding


def _ids(facts: Sequence[Fact]) -> tuple[str, ...]:
    return tuple(f.id for f in facts)


def huisverbod(ctx: AdviceContext, decision_findings: tuple[Finding, ...]) -> Measure:
    code = f"measure.huisverbod.{ctx.decision.value}"
    facts = merge_facts(*(f.facts for f in decision_findings))
    return Measure(
        "huisverbod",
        Track.ADMINISTRATIVE,
        "art. 2 Wth",
        ctx.decision == Huisverbod.IMPOSE,
        finding(code, facts),
    )


def arrest(ctx: AdviceContext) -> Measure:
    basis = "art. 27, 53, 54 Sv"
    current = tuple(f for f in ctx.offences if f in ctx.current_incident)
    if current:
        return Measure(
            "arrest",
            Track.CRIMINAL,
            basis,
            True,
            finding("measure.arrest.current_offence", _ids(current), articles=articles(current)),
        )
    if ctx.offences:
        return Measure(
            "arrest",
            Track.CRIMINAL,
            basis,
            False,
            finding("measure.arrest.no_current_offence", _ids(ctx.offences), articles=articles(ctx.offences)),
        )
    return Measure("arrest", Track.CRIMINAL, basis, False, finding("measure.arrest.no_offence"))


def criminal_contact_ban(ctx: AdviceContext) -> Measure:
    basis = "art. 38v Sr; art. 80 Sv"
    facts = _ids(ctx.offences)
    if not ctx.offences:
        return Measure(
            "criminal_contact_ban", Track.CRIMINAL, basis, False, finding("measure.criminal_ban.no_offence")
        )
    if ctx.decision == Huisverbod.NOT_POSSIBLE:
        found = finding("measure.criminal_ban.instead", facts, articles=articles(ctx.offences))
        return Measure("criminal_contact_ban", Track.CRIMINAL, basis, True, found)
    if ctx.danger_met:
        found = finding("measure.criminal_ban.alongside", facts, articles=articles(ctx.offences))
        return Measure("criminal_contact_ban", Track.CRIMINAL, basis, True, found)
    return Measure(
        "criminal_contact_ban", Track.CRIMINAL, basis, False, finding("measure.criminal_ban.low_risk", facts)
    )


def civil_contact_ban(ctx: AdviceContext) -> Measure:
    basis = "art. 6:162 BW (kort geding)"
    facts = _ids(ctx.violence)
    if not ctx.violence:
        found = finding("measure.civil_ban.no_violence")
        return Measure("civil_contact_ban", Track.CIVIL, basis, False, found)
    if ctx.decision == Huisverbod.IMPOSE:
        found = finding("measure.civil_ban.huisverbod_covers", facts, days=ctx.params.order.max_duration_days)
        return Measure("civil_contact_ban", Track.CIVIL, basis, False, found)
    if ctx.decision == Huisverbod.NOT_POSSIBLE:
        return Measure(
            "civil_contact_ban", Track.CIVIL, basis, True, finding("measure.civil_ban.instead", facts)
        )
    # No order while they live together: a civil ban fits when the risk lies in separation,
    # stalking or coercive control (DASH: separation with coercive control is high risk).
    pattern = merge_facts(*(ctx.yes(i) for i in ("separation_recent", "stalking_recent", "jealousy_control")))
    if ctx.red_signals and pattern:
        found = finding(
            "measure.civil_ban.risk_without_order", merge_facts(facts, pattern), count=ctx.red_signals
        )
        return Measure("civil_contact_ban", Track.CIVIL, basis, True, found)
    return Measure(
        "civil_contact_ban", Track.CIVIL, basis, False, finding("measure.civil_ban.low_risk", facts)
    )


def area_ban(ctx: AdviceContext) -> Measure:
    """art. 172a Gemeentewet: the mayor's area ban after repeated disturbance of public order,
    e.g. an ex-partner who keeps turning up at the victim's home (Rb. Midden-Nederland 2018:2287)."""
    basis = "art. 172a Gemeentewet"
    stalking = tuple(f for f in ctx.violence if f.type == "stalking")
    if ctx.decision == Huisverbod.NOT_POSSIBLE and ctx.residence_fails and stalking:
        return Measure(
            "area_ban",
            Track.ADMINISTRATIVE,
            basis,
            True,
            finding("measure.area_ban.stalking", _ids(stalking)),
        )
    return Measure("area_ban", Track.ADMINISTRATIVE, basis, False, finding("measure.area_ban.no_ground"))


def administrative_contact_ban(ctx: AdviceContext) -> Measure:
    """Only in parameter sets that have it (a proposal): a contact ban without residence."""
    basis = "proposal (parameter set [measures].administrative_contact_ban)"
    advised = ctx.residence_fails and ctx.criteria["adult"].met and ctx.danger_met
    code = "measure.administrative_ban.instead" if advised else "measure.administrative_ban.not_needed"
    return Measure(
        "administrative_contact_ban",
        Track.ADMINISTRATIVE,
        basis,
        advised,
        finding(code, ctx.criteria["danger"].facts),
    )


def report_to_veilig_thuis(ctx: AdviceContext) -> Measure:
    basis = "art. 4.1.1 Wmo 2015; Meldcode afweging 2"
    facts = merge_facts(_ids(ctx.violence), _ids(ctx.child_abuse))
    unsafety = ctx.concluded(ACUTE_UNSAFETY) or ctx.concluded(STRUCTURAL_UNSAFETY)
    if not facts and unsafety is None:
        return Measure(
            "report_to_veilig_thuis", Track.CARE, basis, False, finding("measure.report_vt.no_suspicion")
        )
    code = "measure.report_vt.involved" if ctx.veilig_thuis_involved else "measure.report_vt.report"
    return Measure(
        "report_to_veilig_thuis", Track.CARE, basis, True, finding(code, merge_facts(facts, unsafety or ()))
    )


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
    basis = "MvT Wth (afkoelingsperiode); Meldcode afwegingen 3-5"
    if not ctx.violence and not ctx.child_abuse:
        return Measure("care_referral", Track.CARE, basis, False, finding("measure.care.no_need"))
    needs = [(need, merge_facts(*(ctx.yes(i) for i in items))) for need, items in CARE_NEEDS]
    found = [(need, facts) for need, facts in needs if facts]
    if ctx.decision == Huisverbod.IMPOSE:
        lodging = _ids(ctx.facts_of("no_alternative_address"))
        if lodging:
            found.append(("lodging_for_perpetrator", lodging))
    facts = merge_facts(_ids(ctx.violence), *(f for _, f in found))
    return Measure(
        "care_referral",
        Track.CARE,
        basis,
        True,
        finding("measure.care.help", facts, needs=tuple(n for n, _ in found) or ("general_help",)),
    )


def shelter(ctx: AdviceContext) -> Measure:
    basis = "Wmo 2015 (opvang); Antwoord Kamervragen 2025D49716"
    if ctx.decision == Huisverbod.IMPOSE:
        return Measure("shelter", Track.CARE, basis, False, finding("measure.shelter.perpetrator_leaves"))
    acute = ctx.concluded(ACUTE_UNSAFETY)
    if ctx.danger_met or acute is not None:
        facts = merge_facts(ctx.criteria["danger"].facts if ctx.danger_met else (), acute or ())
        return Measure("shelter", Track.CARE, basis, True, finding("measure.shelter.no_order", facts))
    return Measure("shelter", Track.CARE, basis, False, finding("measure.shelter.not_needed"))


def child_protection(ctx: AdviceContext) -> Measure:
    basis = "art. 1:255, 1:257 BW; art. 4.1.1 Wmo 2015"
    if ctx.subject is not None and ctx.subject_is_minor:
        found = finding(
            "measure.child_protection.minor_perpetrator",
            _ids(ctx.violence),
            person=describe(ctx.subject),
            age=ctx.subject.age_on(ctx.roles.day),
        )
        return Measure("child_protection", Track.YOUTH, basis, True, found)
    hurt = ctx.yes("child_hurt_recent")
    witnessed = ctx.yes("children_witnessed_recent")
    afraid = ctx.yes("children_afraid")
    if hurt or (witnessed and afraid):
        facts = merge_facts(hurt, witnessed, afraid)
        return Measure(
            "child_protection", Track.YOUTH, basis, True, finding("measure.child_protection.abuse", facts)
        )
    if ctx.child_abuse:
        found = finding("measure.child_protection.veilig_thuis_first", _ids(ctx.child_abuse))
        return Measure("child_protection", Track.YOUTH, basis, False, found)
    if ctx.resident_minors and ctx.violence:
        found = finding("measure.child_protection.children_present", _ids(ctx.violence))
        return Measure("child_protection", Track.YOUTH, basis, False, found)
    return Measure(
        "child_protection", Track.YOUTH, basis, False, finding("measure.child_protection.no_children")
    )


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
