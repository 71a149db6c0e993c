from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Six digits. A new code appears every 30 seconds."),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(_("Enter the six digits the app shows."))
        return code
