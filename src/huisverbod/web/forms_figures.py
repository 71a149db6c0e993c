"""The dashboard's filters: period, region level, from and to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from huisverbod.figures import labels
from huisverbod.figures.report import Filters, default_filters

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FiguresFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Per"), choices=list(labels.PERIOD_LABELS.items()), required=False)
    level = forms.ChoiceField(label=_("Region"), choices=list(labels.LEVEL_LABELS.items()), required=False)
    start = forms.DateField(label=_("From"), widget=DATE_INPUT, required=False)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end lies before the start."))
        return data

    def filters(self) -> Filters:
        """The chosen filters, the defaults for what is not chosen (call after is_valid)."""
        default = default_filters()
        data = self.cleaned_data
        return Filters(
            data.get("period") or default.period,
            data.get("level") or default.level,
            data.get("start") or default.start,
            data.get("end") or default.end,
        )
