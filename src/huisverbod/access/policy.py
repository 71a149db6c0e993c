"""Who may do what: the roles that have a task, per action, and the fields each role needs.

This is the one table of need-to-know. Organisations get access to a case by a recorded grant
(``CaseAccess``); within an organisation, only the roles listed here for an action may take it.
Analysts see only aggregated figures and administrators manage accounts and reference data:
neither has a task on any case, so neither appears in a case action below.
"""

from __future__ import annotations

from enum import StrEnum

from huisverbod.accounts.models import OrganisationKind, Role


class Action(StrEnum):
    VIEW_CASE = "view_case"
    CREATE_CASE = "create_case"
    ADD_FACT = "add_fact"
    EDIT_PERSON = "edit_person"
    SHARE_CASE = "share_case"
    EXPORT_CASEFILE = "export_casefile"
    VIEW_ASSESSMENT = "view_assessment"
    RUN_ASSESSMENT = "run_assessment"
    VIEW_CONFIDENTIAL = "view_confidential"
    VIEW_ADDRESS = "view_address"
    VIEW_BSN = "view_bsn"
    VIEW_FACTS = "view_facts"
    IMPOSE_ORDER = "impose_order"
    DECIDE_ORDER = "decide_order"  # extend, withdraw (the mayor, not mandated)
    VIEW_ORDER = "view_order"
    LOOKUP_HISTORY = "lookup_history"
    REFER = "refer"
    WRITE_TIMELINE = "write_timeline"
    # Monitoring during the order (docs/monitoring.md).
    VIEW_MONITORING = "view_monitoring"  # the care plan, referrals and timeline
    EDIT_CARE_PLAN = "edit_care_plan"
    UPDATE_REFERRAL = "update_referral"  # the provider's side, or withdrawing by the referrer
    VIEW_EXTENSION_ADVICE = "view_extension_advice"
    CLOSE_MONITORING = "close_monitoring"
    VIEW_CAPACITY = "view_capacity"  # care services and their waiting times (no personal data)
    MANAGE_CAPACITY = "manage_capacity"  # a provider's own services only
    VIEW_FIGURES = "view_figures"
    MANAGE_ACCOUNTS = "manage_accounts"
    # Recording a decision not to impose, or that a huisverbod is not possible, with the measures
    # taken instead or besides (an imposed order records its own decision).
    RECORD_DECISION = "record_decision"


P = Role.POLICE_OFFICER
H = Role.ASSISTANT_PUBLIC_PROSECUTOR
V = Role.VEILIG_THUIS_PROFESSIONAL
M = Role.MUNICIPAL_OFFICER
C = Role.CARE_PROFESSIONAL
A = Role.ANALYST
ADMIN = Role.ADMINISTRATOR

# Roles with a task on cases at all. Which cases: those their organisation was granted.
CASE_ROLES = frozenset({P, H, V, M, C})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW_CASE: CASE_ROLES,
    Action.CREATE_CASE: frozenset({P, H, V}),
    Action.ADD_FACT: frozenset({P, H, V, M}),
    Action.EDIT_PERSON: frozenset({P, H, V}),
    Action.SHARE_CASE: frozenset({P, H, V}),
    Action.EXPORT_CASEFILE: frozenset({P, H, V}),
    Action.VIEW_ASSESSMENT: frozenset({P, H, V, M}),
    Action.RUN_ASSESSMENT: frozenset({P, H, V}),
    # A shelter address protects the victim from the perpetrator: only those who must act on
    # the victim's safety see it. Care providers see it only when their referral needs it.
    Action.VIEW_CONFIDENTIAL: frozenset({P, H, V, C}),
    Action.VIEW_ADDRESS: frozenset({P, H, V, M, C}),
    Action.VIEW_BSN: frozenset({P, H, V}),
    # Care providers work on help, not on the police file: they get the case's summary,
    # persons and timeline, not the facts (police and registry details).
    Action.VIEW_FACTS: frozenset({P, H, V, M}),
    # art. 2 lid 1 and art. 3 Wth: the mayor imposes, or the hulpofficier under mandate.
    Action.IMPOSE_ORDER: frozenset({H, M}),
    # art. 3 Wth: extending and withdrawing are not mandated.
    Action.DECIDE_ORDER: frozenset({M}),
    Action.VIEW_ORDER: CASE_ROLES,
    Action.LOOKUP_HISTORY: frozenset({P, H, V}),
    Action.REFER: frozenset({P, H, V, M}),
    Action.WRITE_TIMELINE: CASE_ROLES,
    Action.VIEW_MONITORING: CASE_ROLES,
    # Veilig Thuis and the municipality coordinate help; a care provider keeps its own items.
    Action.EDIT_CARE_PLAN: frozenset({V, M, C}),
    Action.UPDATE_REFERRAL: frozenset({P, H, V, M, C}),
    # The advice weighs the facts since the imposition: for those who see the facts.
    Action.VIEW_EXTENSION_ADVICE: frozenset({P, H, V, M}),
    Action.CLOSE_MONITORING: frozenset({V, M}),
    Action.VIEW_CAPACITY: frozenset({P, H, V, M, C}),
    Action.MANAGE_CAPACITY: frozenset({C}),
    Action.VIEW_FIGURES: frozenset({A}),
    Action.MANAGE_ACCOUNTS: frozenset({ADMIN}),
    # Those who decide on a huisverbod (art. 2 and 3 Wth) and the police officer who takes the
    # measures of the criminal track (arrest, criminal contact ban).
    Action.RECORD_DECISION: frozenset({P, H, M}),
}

# Actions that concern a case, and so also need the organisation's grant on that case.
CASE_ACTIONS = frozenset(PERMISSIONS) - {
    Action.VIEW_FIGURES,
    Action.MANAGE_ACCOUNTS,
    Action.CREATE_CASE,
    Action.VIEW_CAPACITY,
    Action.MANAGE_CAPACITY,
}

# The organisation kind each role belongs to; a user's role must fit the organisation.
ROLE_ORGANISATION_KINDS: dict[Role, frozenset[OrganisationKind]] = {
    P: frozenset({OrganisationKind.POLICE_UNIT}),
    H: frozenset({OrganisationKind.POLICE_UNIT, OrganisationKind.PUBLIC_PROSECUTOR}),
    V: frozenset({OrganisationKind.VEILIG_THUIS}),
    M: frozenset({OrganisationKind.MUNICIPALITY}),
    C: frozenset({OrganisationKind.CARE_PROVIDER}),
    A: frozenset({OrganisationKind.ANALYTICS, OrganisationKind.MUNICIPALITY}),
    ADMIN: frozenset(OrganisationKind),
}


def role_may(role: str, action: Action) -> bool:
    return role in PERMISSIONS[action]


def roles_for(action: Action) -> frozenset[Role]:
    return PERMISSIONS[action]
