"""Human labels for the case file's codes (English msgids, translated in locale/)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from huisverbod.core.casefile.vocabulary import FACT_TYPES, FactGroup

FACT_GROUP_LABELS: dict[str, Promise] = {
    FactGroup.PERSON: _("(a) The person"),
    FactGroup.INCIDENT: _("(b) The course of the incident"),
    FactGroup.CIRCUMSTANCES: _("(c) The living circumstances"),
}

FACT_TYPE_LABELS: dict[str, Promise] = {
    "prior_domestic_violence": _("Earlier domestic violence"),
    "prior_report": _("Earlier report"),
    "prior_violence_outside_family": _("Violence outside the family"),
    "criminal_record": _("Criminal record"),
    "prior_order_violation": _("Earlier breach of an order"),
    "weapon_access": _("Access to weapons"),
    "alcohol_abuse": _("Alcohol abuse"),
    "drug_abuse": _("Drug abuse"),
    "psychiatric_problems": _("Psychiatric problems"),
    "suicide_threat_perpetrator": _("Suicide threat by the perpetrator"),
    "denies_or_minimises": _("Denies or minimises the violence"),
    "refuses_help": _("Refuses help"),
    "unemployment_or_financial_stress": _("Unemployment or financial stress"),
    "jealousy_or_control": _("Jealousy or controlling behaviour"),
    "physical_violence": _("Physical violence"),
    "injury": _("Injury"),
    "strangulation": _("Strangulation"),
    "sexual_violence": _("Sexual violence"),
    "threat_to_kill": _("Threat to kill"),
    "threat": _("Threat"),
    "psychological_abuse": _("Psychological abuse"),
    "weapon_used": _("Weapon used or shown"),
    "property_damage": _("Property damage"),
    "deprivation_of_liberty": _("Deprivation of liberty"),
    "coercion_extortion": _("Coercion or extortion"),
    "stalking": _("Stalking"),
    "violence_in_presence_of_children": _("Violence in the presence of children"),
    "child_hit": _("Child hurt"),
    "escalation": _("Escalation"),
    "intoxicated_during_incident": _("Intoxicated during the incident"),
    "victim_fear": _("Victim is afraid"),
    "victim_vulnerable": _("Victim is vulnerable"),
    "suicide_attempt_victim": _("Suicide attempt or threat by the victim"),
    "separation": _("Separation"),
    "pregnancy": _("Pregnancy"),
    "minor_children_in_household": _("Minor children in the household"),
    "children_afraid": _("Children are afraid"),
    "social_isolation": _("Social isolation"),
    "help_without_result": _("Help without result"),
    "help_waiting_list": _("Help on a waiting list"),
    "no_alternative_address": _("No alternative address"),
    "structural_unsafety": _("Structural unsafety"),
    "victim_also_violent": _("Victim also used violence"),
    "help_accepted": _("Open to help"),
}

missing = set(FACT_TYPES) - set(FACT_TYPE_LABELS)
if missing:  # a new fact type needs its label before it can be shown
    raise RuntimeError(f"fact types without a label: {sorted(missing)}")


def fact_type_label(fact_type: str) -> str:
    return str(FACT_TYPE_LABELS.get(fact_type, fact_type))


def fact_type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Fact types grouped as the Besluit groups them, for a select with optgroups."""
    groups: dict[FactGroup, list[tuple[str, str]]] = {group: [] for group in FactGroup}
    for fact_type, group in FACT_TYPES.items():
        groups[group].append((fact_type, fact_type_label(fact_type)))
    return [(str(FACT_GROUP_LABELS[group]), items) for group, items in groups.items()]
