"""Labels for the assessment's codes, in the interface's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ADVICE = {
    "impose": _("Impose a huisverbod"),
    "do_not_impose": _("Do not impose a huisverbod"),
    "not_possible": _("A huisverbod is not possible"),
}
ROUTE = {"acute": _("acute route"), "planned": _("planned huisverbod")}
CRITERIA = {
    "adult": _("Adult (art. 2 lid 2 Wth)"),
    "residence": _("Lives or stays there more than incidentally (art. 2 lid 1 Wth)"),
    "danger": _("Serious and immediate danger, or a serious suspicion of it (art. 2 lid 1 Wth)"),
}
MEASURES = {
    "huisverbod": _("Huisverbod"),
    "arrest": _("Arrest"),
    "criminal_contact_ban": _("Criminal contact ban"),
    "civil_contact_ban": _("Civil contact and street ban"),
    "area_ban": _("Area ban (art. 172a Gemeentewet)"),
    "administrative_contact_ban": _("Administrative contact ban"),
    "report_to_veilig_thuis": _("Report to Veilig Thuis"),
    "care_referral": _("Referral to help"),
    "shelter": _("Shelter"),
    "child_protection": _("Child protection (Raad voor de Kinderbescherming)"),
}
TRACKS = {
    "administrative": _("administrative"),
    "criminal": _("criminal"),
    "civil": _("civil"),
    "care": _("care"),
    "youth": _("youth"),
}


def advice(code: str) -> str:
    return str(ADVICE.get(code, code))


def route(code: str | None) -> str:
    return str(ROUTE.get(code, "")) if code else ""


def criterion(code: str) -> str:
    return str(CRITERIA.get(code, code))


def measure(code: str) -> str:
    return str(MEASURES.get(code, code))


def track(code: str) -> str:
    return str(TRACKS.get(code, code))
