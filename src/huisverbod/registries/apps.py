from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistriesConfig(AppConfig):
    name = "huisverbod.registries"
    verbose_name = _("Registries and history lookup")

    def ready(self) -> None:
        from huisverbod.registries import backend  # noqa: F401  registers the SQL candidate source
