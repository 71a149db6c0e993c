from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "huisverbod.web"
    verbose_name = _("Web interface")

    def ready(self) -> None:
        # Django 6.1's new empty choice of a select ("- Select an option -") has no Dutch text in
        # Django's own catalogue yet; Django lets an app's ready() replace it, so ours carries it.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("- Select an option -")
