from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "huisverbod.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from huisverbod.accounts.signals import ensure_administrators_group

        post_migrate.connect(ensure_administrators_group, dispatch_uid="huisverbod-administrators-group")
