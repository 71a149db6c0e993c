from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "huisverbod.decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from huisverbod.decisions import receivers  # noqa: F401  (connects the receivers)
