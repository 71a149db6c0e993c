"""Labels for the scenario lab's tables and changes, in the interface's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huisverbod.assessments import labels

TABLES = {
    "advice": _("Advice on the huisverbod: baseline (rows) against alternative (columns)"),
    "route": _("Route: baseline (rows) against alternative (columns)"),
    "criteria": _("Statutory criteria that changed"),
    "measures": _("Measures weighed that changed"),
    "durations": _("Maximum duration of an order advised under the alternative (days, art. 9 lid 1 Wth)"),
}
COLUMNS = {
    "now_met": _("now met"),
    "no_longer_met": _("no longer met"),
    "newly_advised": _("newly advised"),
    "no_longer_advised": _("no longer advised"),
    "cases": _("cases"),
}
ROUTES = {"acute": _("acute route"), "planned": _("planned huisverbod"), "no_order": _("no order")}
SHORT_CRITERIA = {
    "adult": _("Adult (art. 2 lid 2 Wth)"),
    "residence": _("Residence (art. 2 lid 1 Wth)"),
    "danger": _("Danger (art. 2 lid 1 Wth)"),
}
SUBJECTS = {
    "advice": _("Advice"),
    "route": _("Route"),
    "criterion": _("Criterion"),
    "danger_grounds": _("Danger met on other grounds"),
    "measure": _("Measure"),
    "max_duration_days": _("Maximum duration (days)"),
    "latest_extension_end": _("Latest end with extension"),
}


def table_title(table_id: str) -> str:
    return str(TABLES.get(table_id, table_id))


def row_label(table_id: str, key: str) -> str:
    if table_id == "advice":
        return labels.advice(key)
    if table_id == "route":
        return str(ROUTES.get(key, key))
    if table_id == "criteria":
        return str(SHORT_CRITERIA.get(key, key))
    if table_id == "measures":
        return labels.measure(key)
    return key


def column_label(table_id: str, key: str) -> str:
    if table_id in ("advice", "route"):
        return row_label(table_id, key)
    return str(COLUMNS.get(key, key))


def _value(change: dict[str, Any], value: Any) -> str:
    subject = change["subject"]
    if value is None:
        return "—"
    if subject == "advice":
        return labels.advice(str(value))
    if subject == "route":
        return labels.route(str(value))
    if isinstance(value, bool):
        return str(_("yes")) if value else str(_("no"))
    return str(value)


def change_label(change: dict[str, Any]) -> dict[str, str]:
    """One stored change as the page shows it: what, before, after, the rule, and the reason in
    the interface's language."""
    subject = change["subject"]
    if subject == "measure":
        what = labels.measure(change["key"])
    elif subject == "criterion":
        what = labels.criterion(change["key"])
    else:
        what = str(SUBJECTS.get(subject, subject))
    language = "en" if (get_language() or "nl").startswith("en") else "nl"
    return {
        "subject": subject,
        "what": what,
        "before": _value(change, change["before"]),
        "after": _value(change, change["after"]),
        "article": change.get("article", ""),
        "reason": (change.get("reason") or {}).get(language, ""),
    }
