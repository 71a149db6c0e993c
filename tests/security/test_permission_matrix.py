"""The permission matrix: every role × every page and API endpoint × own, shared and other case,
for reads and writes, generated from the URL configuration.

The expected outcome comes from the need-to-know specification below (docs/security.md), written
independently of the code under test. A URL without an entry in ``URL_SPEC`` fails the test, so a
new endpoint cannot escape the matrix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from huisverbod.access.models import CaseAccess, Reason, Scope
from huisverbod.access.services import grant
from huisverbod.accounts.models import Organisation, Role, User
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.log import AuditContext
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.demo.monitoring import load_care_services
from huisverbod.demo.services import care_services
from huisverbod.monitoring.models import CareService
from huisverbod.monitoring.referrals import refer
from huisverbod.notifications.models import Notification
from huisverbod.orders import services
from huisverbod.registries.services import lookup_history
from tests.helpers import force_login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("matrix")]

PUBLIC = "public"
SIGNED_IN = "signed_in"
STAFF = "staff"
# Either outcome is right: a public page that exists only when configured (single sign-on), or a
# POST whose body names the case (checked after the body is read).
SWITCHED = "switched"

# What each role may do on a case its organisation was granted (the specification).
_PROFESSIONAL = {
    "lookup",
    "view",
    "add_fact",
    "edit_person",
    "share",
    "export",
    "facts",
    "assessment",
    "assess",
    "order",
    "order_new",
    "document",
}
# Monitoring (docs/monitoring.md): read the care plan, referrals and timeline, write on the
# timeline, refer, change a referral (the referrer withdraws), read the extension advice.
_MONITORING = {"monitoring", "timeline_write", "refer", "referral_update", "advice"}
CASE_TASKS: dict[str, set[str]] = {
    Role.POLICE_OFFICER: _PROFESSIONAL | _MONITORING,
    Role.ASSISTANT_PUBLIC_PROSECUTOR: _PROFESSIONAL | _MONITORING | {"decide"},
    Role.VEILIG_THUIS_PROFESSIONAL: _PROFESSIONAL | _MONITORING | {"care_plan", "close"},
    Role.MUNICIPAL_OFFICER: _MONITORING
    | {
        "care_plan",
        "close",
        "view",
        "add_fact",
        "facts",
        "assessment",
        "order",
        "order_new",
        "document",
        "decide",
        "decide_order",
    },
    # Through a referral only, limited to what care needs: its own help, the shared timeline.
    Role.CARE_PROFESSIONAL: {"view", "order", "monitoring", "timeline_write", "referral_update", "care_plan"},
    Role.ANALYST: set(),
    Role.ADMINISTRATOR: set(),
}
# Recording the decision after an assessment (no order, or not possible) and the measures taken.
for _role in (Role.POLICE_OFFICER, Role.ASSISTANT_PUBLIC_PROSECUTOR, Role.MUNICIPAL_OFFICER):
    CASE_TASKS[_role] = CASE_TASKS[_role] | {"record_decision"}
CREATORS = {Role.POLICE_OFFICER, Role.ASSISTANT_PUBLIC_PROSECUTOR, Role.VEILIG_THUIS_PROFESSIONAL}
# Tasks that are not about one case ("roles:<task>"): care services and their capacity.
ROLE_TASKS: dict[str, set[str]] = {
    "capacity": {
        Role.POLICE_OFFICER,
        Role.ASSISTANT_PUBLIC_PROSECUTOR,
        Role.VEILIG_THUIS_PROFESSIONAL,
        Role.MUNICIPAL_OFFICER,
        Role.CARE_PROFESSIONAL,
    },
    "manage_capacity": {Role.CARE_PROFESSIONAL},  # a provider's own services
    "figures": {Role.ANALYST},  # aggregates only, small cells suppressed (docs/figures.md)
}

# URL name → {method: requirement}. A requirement is PUBLIC, SIGNED_IN, STAFF, "create", or a
# case task (needs the case to be visible to the role and the task to be the role's).
URL_SPEC: dict[str, dict[str, str]] = {
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "logout": {},
    "set_language": {"GET": PUBLIC, "POST": PUBLIC},
    "admin:login": {"GET": PUBLIC, "POST": PUBLIC},
    "admin:logout": {},
    "admin:view_on_site": {},
    "signin:otp-verify": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "signin:otp-setup": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "signin:oidc-authenticate": {"GET": SWITCHED},
    "signin:oidc-callback": {"GET": SWITCHED},
    "web:home": {"GET": SIGNED_IN},
    "web:case-list": {"GET": SIGNED_IN},
    "web:case-detail": {"GET": "view"},
    "web:fact-create": {"GET": "add_fact", "POST": "add_fact"},
    "web:case-share": {"POST": "share"},
    "web:person-details": {"GET": "edit_person", "POST": "edit_person"},
    "web:assessment": {"GET": "assessment"},
    "web:override-add": {"POST": "assess"},
    "web:override-remove": {"POST": "assess"},
    "web:assessment-save": {"POST": "assess"},
    "web:assessment-snapshot": {"GET": "assessment"},
    "case-assessment": {"GET": "assessment"},
    "case-assessments": {"GET": "assessment", "POST": "assess"},
    "case-assessment-version": {"GET": "assessment"},
    "web:history": {"GET": "lookup", "POST": "lookup"},
    "web:history-result": {"GET": "lookup"},
    "web:history-decide": {"POST": "lookup"},
    "case-history": {"GET": "lookup", "POST": "lookup"},
    "case-history-decision": {"POST": "lookup"},
    "web:order-new": {"GET": "order_new", "POST": "order_new"},
    "web:order-detail": {"GET": "order"},
    "web:order-countdown": {"GET": "order"},
    "web:document-download": {"GET": "document"},
    "web:order-action": {"POST": "add_fact"},  # the reachability statement, while in force
    "web:notifications": {"GET": SIGNED_IN},
    "web:notification-read": {"POST": "org:politie-oost-brabant"},
    "order-list": {"GET": SIGNED_IN, "POST": SWITCHED},
    "order-detail": {"GET": "order"},
    "order-decisions": {"POST": "decide"},
    "order-reachability": {"POST": "add_fact"},
    "order-appeals": {"POST": "decide_order"},
    "order-court-decision": {"POST": SWITCHED},  # the appeal id is part of the path
    "order-violations": {"POST": "add_fact"},
    "order-document": {"GET": "document"},
    "notification-list": {"GET": SIGNED_IN},
    "api-root": {"GET": SIGNED_IN},
    "api-schema": {"GET": SIGNED_IN},
    "case-list": {"GET": SIGNED_IN, "POST": "create"},
    "case-detail": {"GET": "view"},
    "case-casefile": {"GET": "export"},
    "case-facts": {"GET": "facts", "POST": "add_fact"},
    "web:care-plan": {"GET": "monitoring", "POST": "care_plan"},
    "web:care-plan-item": {"GET": "care_plan", "POST": "care_plan"},
    "web:timeline": {"GET": "monitoring", "POST": "timeline_write"},
    "web:referrals": {"GET": "monitoring", "POST": "refer"},
    "web:referral-detail": {"GET": "monitoring"},
    "web:referral-status": {"POST": "referral_update"},
    "web:extension-advice": {"GET": "advice"},
    "web:closing": {"GET": "facts", "POST": "close"},
    "web:capacity": {"GET": "roles:capacity"},
    "web:capacity-update": {"POST": "roles:manage_capacity"},
    "care-service-list": {"GET": "roles:capacity"},
    "care-service-detail": {"GET": "roles:capacity"},
    "case-monitoring-care-plan": {"GET": "monitoring", "POST": "care_plan"},
    "case-monitoring-care-plan-item": {},  # PATCH only
    "case-monitoring-referrals": {"GET": "monitoring", "POST": "refer"},
    "case-monitoring-referral-status": {"POST": "referral_update"},
    "case-monitoring-capacity-check": {"GET": "refer"},
    "case-monitoring-timeline": {"GET": "monitoring", "POST": "timeline_write"},
    "case-monitoring-extension-advice": {"GET": "advice"},
    "case-monitoring-closing": {"GET": "facts", "POST": "close"},
    "web:decision-record": {"POST": "record_decision"},
    "web:figures": {"GET": "roles:figures"},
    "web:figures-pdf": {"GET": "roles:figures"},
    "web:figures-csv": {"GET": "roles:figures"},
    "figures": {"GET": "roles:figures"},
}
ADMIN_PREFIX = "admin:"
# Case pages that show no personal data (only times and deadline names), so they are not logged.
NO_PERSONAL_DATA = {"web:order-countdown", "web:history"}  # the lookup form: no person's data


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    kwargs: tuple[str, ...]


def _routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, ns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name:
                pattern = prefix + str(entry.pattern)
                names = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern))
                kwargs = tuple(a or b for a, b in names)
                if "format" in kwargs:  # DRF's ".json" suffix variants behave as their base route
                    continue
                found.append(Route(f"{namespace}{entry.name}", pattern, kwargs))

    walk(get_resolver().url_patterns, "", "")
    return found


ROUTES = _routes()


def test_every_url_has_a_policy():
    missing = sorted(
        {r.name for r in ROUTES if r.name not in URL_SPEC and not r.name.startswith(ADMIN_PREFIX)}
    )
    assert missing == [], f"URLs without an entry in the permission matrix: {missing}"


@pytest.fixture
def world(seed_cases, users):
    """own: seed-2 (each organisation's natural grant); shared: seed-1 (shared with each
    organisation); other: seed-3 (not granted to any of the roles' organisations)."""
    CaseAccess.objects.all().delete()
    orgs = {
        code: Organisation.objects.get(code=code)
        for code in (
            "politie-oost-brabant",
            "vt-zuidoost-brabant",
            "gemeente-eindhoven",
            "zorg-de-brug",
            "analyse-zorg-straf",
            "politie-noord-nederland",
        )
    }
    own, shared, other = seed_cases["seed-2"], seed_cases["seed-1"], seed_cases["seed-3"]
    care = load_care_services(care_services())
    grant(own, orgs["politie-oost-brabant"], Reason.STARTED)
    grant(own, orgs["vt-zuidoost-brabant"], Reason.JOINT_ASSESSMENT)
    grant(own, orgs["gemeente-eindhoven"], Reason.COMPETENT_AUTHORITY)
    grant(own, orgs["zorg-de-brug"], Reason.REFERRAL, scope=Scope.CARE)
    for code in (
        "politie-oost-brabant",
        "vt-zuidoost-brabant",
        "gemeente-eindhoven",
        "zorg-de-brug",
        "analyse-zorg-straf",
    ):
        grant(shared, orgs[code], Reason.SHARED)  # a care provider sees nothing without a referral
    grant(other, orgs["politie-noord-nederland"], Reason.STARTED)
    for case in (own, shared, other):  # each case has an assessment and an imposed order with a beschikking
        snapshot = save_snapshot(case, users[Role.POLICE_OFFICER])
        temporary = grant(case, orgs["politie-oost-brabant"], Reason.SHARED) if case is other else None
        order = services.create_order(
            case,
            users[Role.ASSISTANT_PUBLIC_PROSECUTOR],
            assessment=snapshot,
            perpetrator=case.involvements.get(role="perpetrator"),
            protected=services.protectable(case),
        )
        services.impose(order, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False)
        police = users[Role.POLICE_OFFICER]
        lookup_history(
            case,
            police,
            registry="veilig_thuis",
            purpose="matrix",
            legal_basis="wpg-art-19",
            context=AuditContext.for_user(police, "ui"),
        )
        # Each case has a referral: seed case 2 to De Brug (the care role's own), the others to Kompas.
        provider = "zorg-de-brug" if case is own else "zorg-kompas"
        refer(
            case,
            users[Role.POLICE_OFFICER],
            involvement=case.involvements.get(role="perpetrator"),
            service=next(
                s for s in care if s.provider.code == provider and s.kind == "perpetrator_programme"
            ),
            help_needed="Daderhulp",
            consent_basis="consent",
            consent_text="Synthetisch",
            context=AuditContext.for_command("matrix"),
        )
        if temporary is not None:  # the other case stays out of reach of every role tested
            CaseAccess.objects.filter(case=case).exclude(
                organisation=orgs["politie-noord-nederland"]
            ).delete()
    return {"own": own, "shared": shared, "other": other}


def _expected(role: str, requirement: str, scope: str | None, user: User) -> bool | None:
    if requirement == PUBLIC:
        return True
    if requirement == SWITCHED:
        return None
    if requirement == SIGNED_IN:
        return True
    if requirement == STAFF:
        # Only staff reach the admin; within it, Django's per-model permissions decide.
        return None if user.is_staff else False
    if requirement == "create":
        return role in CREATORS
    if requirement.startswith("roles:"):
        return role in ROLE_TASKS[requirement.removeprefix("roles:")]
    if requirement.startswith("org:"):
        return user.organisation is not None and user.organisation.code == requirement[4:]
    visible = scope == "own" or (scope == "shared" and role != Role.CARE_PROFESSIONAL)
    return visible and requirement in CASE_TASKS[role]


def _admin_object_id(route_name: str, user) -> str:
    """An existing object of the admin page's model (admin:<app>_<model>_<view>)."""
    from django.apps import apps

    body = route_name.removeprefix(ADMIN_PREFIX)
    for model in apps.get_models():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if body.startswith(prefix):
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first is not None else "1"
    return str(user.pk)


def _url(route: Route, case, user) -> str | None:
    values = {}
    for name in route.kwargs:
        if name in ("object_id", "id", "pk") and route.name.startswith(ADMIN_PREFIX):
            values[name] = _admin_object_id(route.name, user)
        elif name == "pk" and route.name.startswith("order-"):
            values[name] = case.orders.values_list("pk", flat=True).first() or 0
        elif name == "pk":
            values[name] = case.pk
        elif name == "reference":
            values[name] = case.reference
        elif name == "local_id":
            values[name] = "p1"
        elif name == "lookup_id":
            values[name] = case.history_lookups.values_list("pk", flat=True).first() or 0
        elif name == "version" or name == "appeal_id":
            values[name] = 1
        elif name == "item":
            values[name] = "prior_dv_known"
        elif name == "app_label":
            values[name] = "cases"
        elif name == "order_id":
            values[name] = case.orders.values_list("pk", flat=True).first() or 0
        elif name == "number":
            values[name] = case.orders.first().documents.values_list("number", flat=True).first()
        elif name == "item_id":
            values[name] = case.care_plan_items.values_list("pk", flat=True).first() or 0
        elif name == "referral_id":
            values[name] = case.referrals.values_list("pk", flat=True).first() or 0
        elif name == "service_id":
            values[name] = CareService.objects.filter(provider__code="zorg-de-brug").values_list(
                "pk", flat=True
            )[0]
        elif name == "name":
            values[name] = "reachability"
        elif name == "table":
            values[name] = "orders"
        elif name == "notification_id":
            values[name] = (
                Notification.objects.filter(
                    organisation__code="politie-oost-brabant", case__reference="seed-2"
                )
                .values_list("pk", flat=True)
                .first()
            )
        elif name in ("object_id", "content_type_id", "user_id", "id"):
            values[name] = str(user.pk)
        else:
            values[name] = "x"
    try:
        return reverse(route.name, kwargs=values)
    except Exception:  # an admin route with other converters
        return None


def _outcome(response) -> str:
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404, 405):
        return "denied"
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        return "denied" if "/login/" in location else "allowed"
    return "allowed"


BODIES = {"POST": ({}, "application/json")}


def test_permission_matrix(world, users, capsys):
    cells, leaks, refusals, errors, unlogged = 0, [], [], [], []
    for role, user in users.items():
        client = Client()
        force_login_verified(client, user)
        for route in ROUTES:
            if route.name == "logout":
                continue
            is_admin = route.name.startswith(ADMIN_PREFIX) and route.name not in URL_SPEC
            if route.name in ("admin:logout", "admin:view_on_site"):
                continue
            spec = {"GET": STAFF} if is_admin else URL_SPEC[route.name]
            scoped = any(k in route.kwargs for k in ("pk", "reference", "order_id"))
            for scope in ("own", "shared", "other") if scoped else (None,):
                url = _url(route, world[scope] if scope else world["own"], user)
                if url is None:
                    continue
                for method in ("GET", "POST"):
                    requirement = spec.get(method)
                    if method == "POST" and is_admin:
                        continue  # admin writes need the same staff sign-in as its pages
                    expected = False if requirement is None else _expected(role, requirement, scope, user)
                    if method == "GET":
                        response = client.get(url, HTTP_ACCEPT="text/html,application/json")
                    else:
                        response = client.post(
                            url,
                            data=json.dumps({}) if url.startswith("/api/") else {},
                            content_type="application/json"
                            if url.startswith("/api/")
                            else "application/x-www-form-urlencoded",
                        )
                    outcome = _outcome(response)
                    cells += 1
                    cell = f"{role} {method} {route.name} [{scope}] → {response.status_code}"
                    if outcome == "error":
                        errors.append(cell)
                    elif outcome == "allowed" and expected is False:
                        leaks.append(cell)
                    elif outcome == "denied" and expected is True:
                        refusals.append(cell)
                    if (
                        outcome == "allowed"
                        and scope is not None
                        and not is_admin
                        and method == "GET"
                        and route.name not in NO_PERSONAL_DATA
                    ):
                        # Every read of a case's personal data is in the processing log.
                        trace = response.get("X-Trace-Id", "")
                        if not ProcessingLogEntry.objects.filter(
                            trace_id=trace, case=world[scope].reference
                        ).exists():
                            unlogged.append(cell)
    with capsys.disabled():
        print(f"\npermission matrix: {cells} cells, {len(leaks)} leaks, {len(refusals)} wrong refusals")
    assert errors == [], errors
    assert leaks == [], leaks
    assert refusals == [], refusals
    assert unlogged == [], unlogged
    assert cells > 300


def test_care_professional_sees_only_referred_cases_and_only_allowed_fields(world, users):
    client = Client()
    force_login_verified(client, users[Role.CARE_PROFESSIONAL])
    listed = client.get("/api/v1/cases/").json()["results"]
    assert [c["reference"] for c in listed] == ["seed-2"]
    detail = client.get("/api/v1/cases/seed-2/").json()
    assert "facts" not in detail
    assert all("bsn" not in p for p in detail["persons"])
    page = client.get(f"/cases/{world['own'].pk}/").content.decode()
    assert 'id="facts-title"' not in page and "f1" not in page


def test_analyst_and_administrator_see_no_case(world, users):
    for role in (Role.ANALYST, Role.ADMINISTRATOR):
        client = Client()
        force_login_verified(client, users[role])
        assert client.get("/api/v1/cases/").json()["results"] == []
        assert "seed-" not in client.get("/cases/").content.decode()


def test_expired_grant_no_longer_gives_access(world, users):
    from django.utils import timezone

    access = CaseAccess.objects.active().get(case=world["own"], organisation__code="zorg-de-brug")
    access.expires_at = timezone.now()
    access.save()
    client = Client()
    force_login_verified(client, users[Role.CARE_PROFESSIONAL])
    assert client.get(f"/cases/{world['own'].pk}/").status_code == 404
