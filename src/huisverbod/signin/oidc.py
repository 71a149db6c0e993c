"""Single sign-on with the organisation's identity provider (OpenID Connect).

The provider says who someone is, where they work and in which role; the claims' names are
settings. Sign-in is refused, and no user created, when the organisation or role is not one this
system knows. Organisation and role are refreshed at every sign-in, so a move or a change of role
at the organisation takes effect here the next time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from huisverbod.accounts.models import Organisation, Role, User
from huisverbod.signin.events import record_warning


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def _amr(*claim_sets: dict[str, Any]) -> set[str]:
    for claims in claim_sets:
        value = claims.get("amr")
        if value:
            return {value} if isinstance(value, str) else {str(v) for v in value}
    return set()


class OrganisationClaimsBackend(OIDCAuthenticationBackend):
    """Matches the username claim to ``User.username``; organisation and role from claims."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not oidc_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        # ``amr`` belongs in the ID token; keep it for when the user is known.
        self._id_token_claims = payload
        return super().get_or_create_user(access_token, id_token, payload)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(username=self._username(claims))

    def create_user(self, claims: dict[str, Any]) -> User:
        organisation, role = self._work(claims)
        user = User(username=self._username(claims))
        # Never a password: this person signs in through their organisation only.
        user.set_unusable_password()
        return self._apply(user, claims, organisation, role)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        organisation, role = self._work(claims)
        return self._apply(user, claims, organisation, role)

    @staticmethod
    def _username(claims: dict[str, Any]) -> str:
        value = claims.get(settings.OIDC_USERNAME_CLAIM)
        return str(value).strip() if value else ""

    def _work(self, claims: dict[str, Any]) -> tuple[Organisation, str]:
        code = claims.get(settings.OIDC_ORGANISATION_CLAIM)
        organisation = Organisation.objects.filter(code=code, active=True).first() if code else None
        role = claims.get(settings.OIDC_ROLE_CLAIM)
        # The administrator role opens the admin: it is granted locally, never by a claim.
        if organisation is None or role not in Role.values or role == Role.ADMINISTRATOR:
            reason = "unknown_organisation" if organisation is None else "unknown_role"
            record_warning("signin.oidc_refused", self.request, reason=reason)
            raise SuspiciousOperation(f"OIDC sign-in refused: {reason}")
        return organisation, str(role)

    def _apply(self, user: User, claims: dict[str, Any], organisation: Organisation, role: str) -> User:
        user.organisation = organisation
        user.role = role
        user.email = claims.get("email") or user.email
        user.first_name = claims.get("given_name") or user.first_name
        user.last_name = claims.get("family_name") or user.last_name
        user.save()
        mfa_values = set(settings.OIDC_MFA_AMR_VALUES) if settings.OIDC_TRUST_AMR_MFA else set()
        # Read by the sign-in receiver, which marks the session as having its second factor.
        user.idp_asserted_mfa = bool(mfa_values & _amr(self._id_token_claims, claims))  # type: ignore[attr-defined]
        return user


class OrganisationSignInView(OIDCAuthenticationRequestView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)


class OrganisationCallbackView(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Sign-in with your organisation did not succeed. Your organisation or role may not "
                "be known in this system; ask your administrator."
            ),
        )
        return HttpResponseRedirect(reverse("login"))
