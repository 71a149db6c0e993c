from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "huisverbod.figures"
    verbose_name = _("Policy figures")

    def ready(self) -> None:
        from huisverbod.figures import receivers  # noqa: F401  (connects the receivers)
