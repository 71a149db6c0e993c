from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "huisverbod.monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from huisverbod.monitoring import receivers  # noqa: F401  (connects the receivers)
        from huisverbod.monitoring.access import end_care_access
        from huisverbod.orders.worker import PERIODIC_JOBS

        if end_care_access not in PERIODIC_JOBS:
            PERIODIC_JOBS.append(end_care_access)
