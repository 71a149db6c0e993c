"""Need-to-know, as database queries: a case is visible only to the organisations granted it,
and within an organisation only to the roles with a task (``policy.PERMISSIONS``).

Permission checks are part of the query (an EXISTS on the grants, indexed by organisation and
case), so a case list stays fast however many cases the store holds.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from huisverbod.access.models import CaseAccess, CaseAccessQuerySet, Reason, Scope
from huisverbod.access.policy import CASE_ACTIONS, CASE_ROLES, Action, role_may
from huisverbod.accounts.models import Organisation, Role, User
from huisverbod.cases.models import Case, CaseQuerySet


def _grants_for(user: User, at: datetime | None = None) -> CaseAccessQuerySet:
    grants = CaseAccess.objects.active(at).filter(organisation=user.organisation)
    if user.role == Role.CARE_PROFESSIONAL:
        grants = grants.filter(reason=Reason.REFERRAL)
    return grants


def visible_cases(user: User) -> CaseQuerySet:
    """The cases this user may see at all (each action may need more: see ``can``)."""
    if not user.is_authenticated or user.role not in CASE_ROLES or user.organisation_id is None:
        return Case.objects.none()
    return Case.objects.filter(Exists(_grants_for(user).filter(case=OuterRef("pk"))))


def grant_of(user: User, case: Case) -> CaseAccess | None:
    """The user's organisation's strongest active grant on the case (a full one before a care one)."""
    if user.organisation_id is None or user.role not in CASE_ROLES:
        return None
    grants = list(_grants_for(user).filter(case=case))
    grants.sort(key=lambda g: (g.scope != Scope.FULL, g.granted_at))
    return grants[0] if grants else None


def can(user: User, action: Action, case: Case | None = None) -> bool:
    if not user.is_authenticated or not role_may(user.role, action):
        return False
    if action not in CASE_ACTIONS:
        return True
    if case is None:
        return False
    grant = grant_of(user, case)
    if grant is None:
        return False
    if action == Action.VIEW_CONFIDENTIAL and grant.scope == Scope.CARE:
        return grant.confidential_address_needed
    if grant.scope == Scope.CARE:
        return action in CARE_SCOPE_ACTIONS
    return True


# What a time-boxed care grant allows: the persons, the help and the timeline; not the facts,
# not the police and registry details, not the assessment.
CARE_SCOPE_ACTIONS = frozenset(
    {
        Action.VIEW_CASE,
        Action.VIEW_ADDRESS,
        Action.VIEW_ORDER,
        Action.WRITE_TIMELINE,
        Action.VIEW_MONITORING,
        Action.EDIT_CARE_PLAN,
        Action.UPDATE_REFERRAL,
    }
)


def require(user: User, action: Action, case: Case | None = None) -> None:
    """Refuse with 403; a case the user may not see at all is a 404 (its existence is not shown)."""
    if case is not None and not visible_cases(user).filter(pk=case.pk).exists():
        raise Http404
    if not can(user, action, case):
        raise PermissionDenied(action.value)


def grant(
    case: Case,
    organisation: Organisation,
    reason: Reason,
    *,
    by: User | None = None,
    scope: Scope = Scope.FULL,
    expires_at: datetime | None = None,
    confidential_address_needed: bool = False,
    note: str = "",
) -> CaseAccess:
    """Record that an organisation is involved in the case (the sharing itself is a record)."""
    existing = CaseAccess.objects.active().filter(case=case, organisation=organisation, reason=reason).first()
    if existing is not None and existing.scope == scope:
        return existing
    return CaseAccess.objects.create(
        case=case,
        organisation=organisation,
        reason=reason,
        scope=scope,
        expires_at=expires_at,
        confidential_address_needed=confidential_address_needed,
        note=note,
        granted_by=by,
    )


def revoke(access: CaseAccess, *, by: User | None = None) -> None:
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.revoked_by = by
        access.save(update_fields=["revoked_at", "revoked_by"])
