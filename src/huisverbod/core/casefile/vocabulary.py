"""The closed vocabularies of the case-file format ``huisverbod-casus/1``.

Every value here is part of the exchange contract (``shared/casefile/README.md``): values keep
their meaning forever. New values may be added; none may be renamed or removed.
"""

from __future__ import annotations

from enum import StrEnum

FORMAT_V1 = "huisverbod-casus/1"
SUPPORTED_FORMATS = frozenset({FORMAT_V1})


class OrganisationKind(StrEnum):
    """Who supplied a fact, or who asked for the assessment."""

    POLICE = "police"
    VEILIG_THUIS = "veilig_thuis"
    CRISIS_SERVICE = "crisis_service"
    AMBULANCE = "ambulance"
    CARE_PROVIDER = "care_provider"
    MUNICIPALITY = "municipality"
    PUBLIC_PROSECUTOR = "public_prosecutor"
    CHILD_PROTECTION = "child_protection"
    GENERAL_PRACTITIONER = "general_practitioner"
    SCHOOL = "school"
    OTHER = "other"


class TriggerKind(StrEnum):
    POLICE_INCIDENT = "police_incident"
    VEILIG_THUIS_REPORT = "veilig_thuis_report"
    CRISIS_SERVICE = "crisis_service"
    PLANNED = "planned"


class Role(StrEnum):
    """A person's role in the case."""

    PERPETRATOR = "perpetrator"
    VICTIM = "victim"
    CHILD = "child"
    HOUSEMATE = "housemate"
    OTHER = "other"


class Residence(StrEnum):
    """A person's tie to the dwelling (Wth art. 2 lid 1: "woont of anders dan incidenteel verblijft")."""

    LIVES_THERE = "lives_there"
    STAYS_MORE_THAN_INCIDENTALLY = "stays_more_than_incidentally"
    STAYS_INCIDENTALLY = "stays_incidentally"
    LIVES_ELSEWHERE = "lives_elsewhere"


class Sex(StrEnum):
    M = "M"
    F = "F"
    X = "X"


class RelationshipKind(StrEnum):
    PARTNERS = "partners"
    EX_PARTNERS = "ex_partners"
    PARENT_CHILD = "parent_child"  # the first person of ``between`` is the parent
    SIBLINGS = "siblings"
    OTHER_FAMILY = "other_family"
    HOUSEMATES = "housemates"


class Origin(StrEnum):
    """How a fact is known."""

    OBSERVATION = "observation"
    STATEMENT = "statement"
    RECORD = "record"


class FactGroup(StrEnum):
    """The Besluit tijdelijk huisverbod art. 2 lid 2 groups facts in three."""

    PERSON = "person"  # (a) the person against whom an order is considered
    INCIDENT = "incident"  # (b) the course of the incident
    CIRCUMSTANCES = "circumstances"  # (c) the living circumstances


class OrderImposedBy(StrEnum):
    MAYOR = "mayor"
    ASSISTANT_PUBLIC_PROSECUTOR = "assistant_public_prosecutor"  # hulpofficier van justitie


class DatePrecision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


# Fact types of version 1, each with its Besluit group. Order follows the case-file README.
FACT_TYPES_V1: dict[str, FactGroup] = {
    # (a) about the person
    "prior_domestic_violence": FactGroup.PERSON,
    "prior_report": FactGroup.PERSON,
    "prior_violence_outside_family": FactGroup.PERSON,
    "criminal_record": FactGroup.PERSON,
    "prior_order_violation": FactGroup.PERSON,
    "weapon_access": FactGroup.PERSON,
    "alcohol_abuse": FactGroup.PERSON,
    "drug_abuse": FactGroup.PERSON,
    "psychiatric_problems": FactGroup.PERSON,
    "suicide_threat_perpetrator": FactGroup.PERSON,
    "denies_or_minimises": FactGroup.PERSON,
    "refuses_help": FactGroup.PERSON,
    "unemployment_or_financial_stress": FactGroup.PERSON,
    "jealousy_or_control": FactGroup.PERSON,
    # (b) the course of the incident
    "physical_violence": FactGroup.INCIDENT,
    "injury": FactGroup.INCIDENT,
    "strangulation": FactGroup.INCIDENT,
    "sexual_violence": FactGroup.INCIDENT,
    "threat_to_kill": FactGroup.INCIDENT,
    "threat": FactGroup.INCIDENT,
    "psychological_abuse": FactGroup.INCIDENT,
    "weapon_used": FactGroup.INCIDENT,
    "property_damage": FactGroup.INCIDENT,
    "deprivation_of_liberty": FactGroup.INCIDENT,
    "coercion_extortion": FactGroup.INCIDENT,
    "stalking": FactGroup.INCIDENT,
    "violence_in_presence_of_children": FactGroup.INCIDENT,
    "child_hit": FactGroup.INCIDENT,
    "escalation": FactGroup.INCIDENT,
    "intoxicated_during_incident": FactGroup.INCIDENT,
    # (c) the living circumstances
    "victim_fear": FactGroup.CIRCUMSTANCES,
    "victim_vulnerable": FactGroup.CIRCUMSTANCES,
    "suicide_attempt_victim": FactGroup.CIRCUMSTANCES,
    "separation": FactGroup.CIRCUMSTANCES,
    "pregnancy": FactGroup.CIRCUMSTANCES,
    "minor_children_in_household": FactGroup.CIRCUMSTANCES,
    "children_afraid": FactGroup.CIRCUMSTANCES,
    "social_isolation": FactGroup.CIRCUMSTANCES,
    "help_without_result": FactGroup.CIRCUMSTANCES,
    "help_waiting_list": FactGroup.CIRCUMSTANCES,
    "no_alternative_address": FactGroup.CIRCUMSTANCES,
    "structural_unsafety": FactGroup.CIRCUMSTANCES,
    "victim_also_violent": FactGroup.CIRCUMSTANCES,
    "help_accepted": FactGroup.CIRCUMSTANCES,
}

# Types added by this project (documented in docs/casefile.md). None yet: when one is added, it
# goes here with its group and the README's rule applies: it keeps its meaning forever.
FACT_TYPES_PROJECT: dict[str, FactGroup] = {}

FACT_TYPES: dict[str, FactGroup] = {**FACT_TYPES_V1, **FACT_TYPES_PROJECT}


def fact_group(fact_type: str) -> FactGroup:
    return FACT_TYPES[fact_type]


def values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]
