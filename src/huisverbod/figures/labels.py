"""Titles and column labels of the published tables, in the interface's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from huisverbod.core.disclosure import TOTAL

SUPPRESSED_MARK = "x"

TABLE_TITLES: dict[str, Any] = {
    "assessments": _("Assessments, and whether Veilig Thuis took part"),
    "decisions": _("Decisions after the assessment"),
    "orders": _("Orders imposed: acute and planned"),
    "criminal": _("Orders combined with an arrest or the criminal track"),
    "extensions": _("Extensions and their reasons"),
    "after": _("Withdrawals, appeals, annulments and violations"),
    "not_possible_reasons": _("Why a huisverbod was not possible"),
    "not_possible_measures": _("Measures taken instead when a huisverbod was not possible"),
    "help": _("Help started within the order, per person"),
    "incident_to_decision": _("Time from incident to decision (hours)"),
}
TOTAL_LABELS: dict[str, Any] = {
    "assessments": _("Assessments"),
    "decisions": _("Decisions"),
    "orders": _("Orders"),
    "criminal": _("Orders"),
    "extensions": _("Extensions"),
    "help": _("Persons evaluated"),
}
COLUMN_LABELS: dict[str, Any] = {
    "assessments.joint": _("Joint (with Veilig Thuis)"),
    "assessments.police_only": _("Police only"),
    "decisions.order": _("Huisverbod imposed"),
    "decisions.no_order": _("No huisverbod imposed"),
    "decisions.not_possible": _("Not possible"),
    "orders.route.acute": _("Acute"),
    "orders.route.planned": _("Planned"),
    "orders.route.unknown": _("Route not recorded"),
    "orders.criminal.arrest": _("With an arrest"),
    "orders.criminal.other": _("Other criminal measure, no arrest"),
    "orders.criminal.none": _("No criminal measure"),
    "extensions.threat": _("The threat continues"),
    "extensions.waiting_list": _("A waiting list was the reason"),
    "after.withdrawals": _("Withdrawals"),
    "after.appeals": _("Appeals"),
    "after.annulments": _("Annulments"),
    "after.violations": _("Violations"),
    "not_possible.reason.ex_partner": _("Ex-partner living elsewhere"),
    "not_possible.reason.minor": _("The person is a minor"),
    "not_possible.reason.incidental_stay": _("The person stays there only incidentally"),
    "not_possible.reason.other": _("Another reason"),
    "not_possible.measure.arrest": _("Arrest"),
    "not_possible.measure.criminal_contact_ban": _("Criminal contact ban"),
    "not_possible.measure.civil_contact_ban": _("Civil contact and street ban"),
    "not_possible.measure.area_ban": _("Area ban"),
    "not_possible.measure.administrative_contact_ban": _("Administrative contact ban"),
    "not_possible.measure.report_to_veilig_thuis": _("Report to Veilig Thuis"),
    "not_possible.measure.care_referral": _("Referral to help"),
    "not_possible.measure.shelter": _("Shelter"),
    "not_possible.measure.child_protection": _("Child protection"),
    "not_possible.measure.none": _("No measure recorded"),
    "help.perpetrator.started": _("Person who left: started"),
    "help.perpetrator.not_started": _("Person who left: not started"),
    "help.victim.started": _("Victim: started"),
    "help.victim.not_started": _("Victim: not started"),
    "help.child.started": _("Child: started"),
    "help.child.not_started": _("Child: not started"),
    "help.other.started": _("Other: started"),
    "help.other.not_started": _("Other: not started"),
}
SHARE_LABELS: dict[str, Any] = {
    "share.joint": _("% joint"),
    "share.order": _("% imposed"),
    "share.acute": _("% acute"),
    "share.arrest": _("% with arrest"),
    "share.criminal": _("% criminal track"),
    "share.waiting_list": _("% waiting list"),
    "help.perpetrator": _("% person who left"),
    "help.victim": _("% victim"),
    "help.child": _("% child"),
    "help.other": _("% other"),
}
DURATION_LABELS: dict[str, Any] = {
    "n": _("Decisions with an incident time"),
    "q1": _("First quartile"),
    "median": _("Median"),
    "q3": _("Third quartile"),
}
LEVEL_LABELS: dict[str, Any] = {
    "national": _("National"),
    "police_unit": _("Police unit"),
    "veilig_thuis_region": _("Veilig Thuis region"),
    "municipality": _("Municipality"),
}
PERIOD_LABELS: dict[str, Any] = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year")}


def column(key: str, table: str = "") -> str:
    if key == TOTAL:
        return str(TOTAL_LABELS.get(table, _("Total")))
    return str(COLUMN_LABELS.get(key, key))
