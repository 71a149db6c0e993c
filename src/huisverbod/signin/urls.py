from django.urls import path

from huisverbod.signin import oidc, views

app_name = "signin"

urlpatterns = [
    path("accounts/otp/", views.otp_verify, name="otp-verify"),
    path("accounts/otp/setup/", views.otp_setup, name="otp-setup"),
    # Always routed, but 404 unless OIDC_RP_CLIENT_ID is set (checked per request).
    path("oidc/authenticate/", oidc.OrganisationSignInView.as_view(), name="oidc-authenticate"),
    path("oidc/callback/", oidc.OrganisationCallbackView.as_view(), name="oidc-callback"),
]
