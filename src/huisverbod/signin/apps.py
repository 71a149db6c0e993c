from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "huisverbod.signin"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from huisverbod.signin import events, second_factor  # noqa: F401 - connect their receivers
