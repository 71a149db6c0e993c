from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from huisverbod.web.forms import SignInForm

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="web/login.html", authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("huisverbod.signin.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("huisverbod.api.urls")),
    path("", include("huisverbod.web.urls")),
]
