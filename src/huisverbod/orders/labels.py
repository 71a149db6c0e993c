"""Texts for deadlines and the core's decisions, in the interface's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEADLINE_LABELS = {
    "ends_at": _("The order ends"),
    "latest_extension_end": _("Latest possible end of an extension (four weeks)"),
    "extension_decision_due": _("Decide on an extension"),
    "reachability_statement_due": _("Statement where the person can be reached"),
    "written_beschikking_due": _("Written beschikking after the oral order"),
    "court_hearing_expected": _("Court hearing expected"),
    "veilig_thuis_safety_assessment_due": _("Veilig Thuis's safety assessment"),
}
REMINDER_LABEL = _("Reminder: decide on an extension (day %(day)s)")

# The core's refusals, by their stable code (core/orders/lifecycle.py); placeholders as there.
DECISION_MESSAGES = {
    "action_not_allowed_in_state": _(
        "An order in state '{state}' cannot take the action '{action}'. Allowed in this state: {allowed}."
    ),
    "role_not_allowed": _(
        "The role '{role}' may not take the action '{action}'; it is reserved to {roles} ({basis})."
    ),
    "before_imposition": _("'{action}' at {at} would come before the order was imposed at {imposed_at}."),
    "order_has_ended": _("The order ended at {end}; '{action}' is no longer possible. Record its expiry."),
    "extension_reason_required": _(
        "An extension needs the reason the threat continues: art. 9 lid 1 Wth allows it only if the threat "
        "or the serious suspicion of it continues."
    ),
    "extension_end_required": _("An extension must state its new end."),
    "extension_not_later": _("The new end {new_end} must come after the current end {current_end}."),
    "extension_beyond_maximum": _(
        "The new end {new_end} is later than {max_days} days after the order was imposed; "
        "art. 9 lid 1 Wth allows an extension to at most four weeks after imposition, here {latest_end}."
    ),
    "withdrawal_reason_required": _(
        "A withdrawal needs its reason: a decision must rest on sound reasons (art. 3:46 Awb)."
    ),
    "not_yet_ended": _("The order is in force until {end}; it expires only from then."),
    "court_decision_required": _(
        "Recording an annulment needs the court's decision: court, date, and case number or ECLI."
    ),
}


def deadline_label(kind: str) -> str:
    if kind.startswith("extension_reminder_day_"):
        return gettext(str(REMINDER_LABEL)) % {"day": kind.rsplit("_", 1)[1]}
    label = DEADLINE_LABELS.get(kind)
    return str(label) if label is not None else kind


def decision_text(code: str, params: dict[str, Any], fallback: str) -> str:
    template = DECISION_MESSAGES.get(code)
    if template is None:
        return fallback
    try:
        return str(template).format(**params)
    except (KeyError, IndexError):
        return fallback
