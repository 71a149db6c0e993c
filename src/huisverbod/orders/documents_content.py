"""What a written beschikking says, as JSON-serialisable data (``documents.beschikking_content``).

Every text the PDF shows beyond the fixed Dutch wording of the template is decided here, once,
when the document is issued: names, dates in Dutch, the place and duration, the motivation from
the assessment snapshot and the remedy wording. The PDF is a function of this data alone, so the
stored content regenerates the same bytes and its hash identifies what the document says.

Privacy: the only address in the content is the dwelling's (the place of the order). No person's
own address and no BSN is ever copied in; free texts (facts, reasons) are scrubbed of the
addresses and BSNs of everyone in the case as a second line of defence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.template.loader import select_template
from django.utils import translation
from django.utils.formats import date_format

from huisverbod.accounts.models import Organisation
from huisverbod.assessments import labels as assessment_labels
from huisverbod.assessments.models import Assessment
from huisverbod.cases.labels import fact_type_label
from huisverbod.cases.models import Dwelling, Involvement, OriginChoices, Person, SourceChoices
from huisverbod.core.calendar.instants import add_elapsed_hours, as_utc, isoformat, to_amsterdam
from huisverbod.core.instruments.errors import DefinitionError
from huisverbod.core.instruments.registry import default_registry
from huisverbod.core.law.parameters import LawParameters, parameter_set
from huisverbod.core.orders.deadlines import initial_end, latest_extension_end
from huisverbod.core.orders.transitions import IMPOSING_ROLES, MAYORAL_ROLES
from huisverbod.core.orders.vocabulary import ActorRole, ImpositionForm, OrderAction
from huisverbod.orders.documents_privacy import forbidden_patterns, scrub
from huisverbod.orders.models import DocumentKind, Order, OrderEvent

CONTENT_FORMAT = "huisverbod-beschikking/1"

TITLES = {
    DocumentKind.IMPOSITION: "Beschikking tijdelijk huisverbod",
    DocumentKind.EXTENSION: "Beschikking verlenging tijdelijk huisverbod",
    DocumentKind.WITHDRAWAL: "Beschikking intrekking tijdelijk huisverbod",
}
SUBJECTS = {
    DocumentKind.IMPOSITION: "Opleggen van een tijdelijk huisverbod",
    DocumentKind.EXTENSION: "Verlengen van een tijdelijk huisverbod",
    DocumentKind.WITHDRAWAL: "Intrekken van een tijdelijk huisverbod",
}
# Which decision each kind of beschikking records.
ACTIONS = {
    DocumentKind.IMPOSITION: frozenset({OrderAction.IMPOSE_IN_WRITING, OrderAction.CONFIRM_IN_WRITING}),
    DocumentKind.EXTENSION: frozenset({OrderAction.EXTEND}),
    DocumentKind.WITHDRAWAL: frozenset({OrderAction.WITHDRAW}),
}
# Who may sign: imposing may be mandated to the hulpofficier (art. 3 Wth); extending and
# withdrawing may not (core/orders/transitions.py).
SIGNING_ROLES = {
    DocumentKind.IMPOSITION: IMPOSING_ROLES,
    DocumentKind.EXTENSION: MAYORAL_ROLES,
    DocumentKind.WITHDRAWAL: MAYORAL_ROLES,
}
# [U] Awb art. 6:7 sets six weeks for beroep; the domain brief could not confirm the Wth's own
# wording. The number is a variable of the remedy block (templates/orders/beschikking/remedy.txt).
APPEAL_WEEKS = 6


class DocumentError(ValueError):
    """A beschikking cannot be issued for this order and decision as they stand."""


# -- Dutch wording of dates -----------------------------------------------------------------


def dutch_date(day: date) -> str:
    """``6 november 2021``."""
    with translation.override("nl"):
        return date_format(day, "j F Y")


def dutch_weekday_date(moment: datetime) -> str:
    """``zaterdag 6 november 2021`` (the Amsterdam calendar day)."""
    with translation.override("nl"):
        return date_format(to_amsterdam(moment), "l j F Y")


def dutch_moment(moment: datetime) -> str:
    """``zaterdag 6 november 2021, 23:40 uur`` (Amsterdam time)."""
    local = to_amsterdam(moment)
    return f"{dutch_weekday_date(local)}, {local:%H:%M} uur"


def _fact_date(text: str | None) -> str:
    """A case-file date as written (``2021``, ``2021-10``, ``2021-10-19``) in Dutch."""
    if not text:
        return "datum onbekend"
    parts = text.split("-")
    with translation.override("nl"):
        if len(parts) == 3:
            return dutch_date(date.fromisoformat(text))
        if len(parts) == 2:
            return date_format(date(int(parts[0]), int(parts[1]), 1), "F Y")
    return text


NUMBER_WORDS = (
    *("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
    *("elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien"),
    *("negentien", "twintig"),
)


def dutch_number(n: int) -> str:
    """``zes`` for 6: numbers up to twenty in words, as Dutch legal texts write them."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def _moment(moment: datetime) -> dict[str, str]:
    return {"iso": isoformat(moment), "text": dutch_moment(moment)}


# -- persons, places, signatory ---------------------------------------------------------------


def _person(person: Person) -> dict[str, str]:
    """Name and date of birth: never an address, never a BSN."""
    return {
        "name": f"{person.given_names} {person.surname}",
        "given_names": person.given_names,
        "surname": person.surname,
        "birth_date": person.birth_date.isoformat(),
        "birth_date_text": dutch_date(person.birth_date),
    }


def _dwelling(dwelling: Dwelling) -> dict[str, str]:
    return {
        "street": dwelling.street,
        "house_number": dwelling.house_number,
        "postcode": dwelling.postcode,
        "city": dwelling.city,
        "line": f"{dwelling.street} {dwelling.house_number}, {dwelling.postcode} {dwelling.city}",
    }


def _municipality(municipality: Organisation) -> dict[str, str]:
    name = municipality.name
    short = re.sub(r"^gemeente\s+", "", name, flags=re.IGNORECASE).strip() or name
    places = municipality.place_names
    return {
        "name": name,
        "short_name": short,
        "mayor": f"De burgemeester van {short}",
        "place": places[0] if places else short,
        "court": municipality.court,
        "court_name": municipality.court.split(",")[0].strip(),
        "mandate_reference": municipality.mandate_reference,
    }


def _signatory(event: OrderEvent, kind: DocumentKind, municipality: dict[str, str]) -> dict[str, str]:
    try:
        role = ActorRole(event.role)
    except ValueError:
        raise DocumentError(f"unknown role '{event.role}' for a beschikking") from None
    if role not in SIGNING_ROLES[kind]:
        raise DocumentError(f"a {role} cannot take this decision ({kind}): art. 3 Wth")
    name = event.actor.get_full_name() if event.actor is not None else ""
    if not name:
        raise DocumentError("the beschikking needs the name of the person who decided")
    short = municipality["short_name"]
    if role is ActorRole.ASSISTANT_PUBLIC_PROSECUTOR:
        if not municipality["mandate_reference"]:
            raise DocumentError(f"{municipality['name']} has no mandate decision recorded (art. 3 Wth)")
        statement = (
            f"Namens de burgemeester van {short}, de hulpofficier van justitie {name}, "
            f"op grond van het {municipality['mandate_reference']} (art. 3 Wth)"
        )
        capacity = "hulpofficier van justitie, in mandaat"
    elif role is ActorRole.MUNICIPAL_OFFICER:
        statement = f"De burgemeester van {short}, namens deze, {name}"
        capacity = "namens de burgemeester"
    else:
        statement = f"De burgemeester van {short}, {name}"
        capacity = "burgemeester"
    return {"role": role.value, "name": name, "capacity": capacity, "statement": statement}


# -- the motivation (art. 2 lid 4 sub b) ------------------------------------------------------


def _signal_label(instrument_id: str, version: str | None, key: str) -> str:
    try:
        return default_registry().instrument(instrument_id, version).label(key, "nl")
    except DefinitionError:
        return key


def _instrument_title(instrument_id: str, version: str | None) -> str:
    try:
        return default_registry().instrument(instrument_id, version).title("nl")
    except DefinitionError:
        return instrument_id


def _red_signals(result_nl: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = []
    for instrument in result_nl.get("instruments", []):
        version = instrument.get("version")
        for part in instrument.get("parts", []):
            for signal in part.get("signals", []):
                if signal.get("rating") == "red":
                    found.append(
                        {
                            "instrument": _instrument_title(instrument["id"], version),
                            "part": _signal_label(instrument["id"], version, part["id"]),
                            "label": _signal_label(instrument["id"], version, signal["id"]),
                            "facts": list(signal.get("facts", [])),
                        }
                    )
    return found


def _fact(fact: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, str]:
    with translation.override("nl"):
        source = str(dict(SourceChoices.choices).get(fact.get("source", ""), fact.get("source", "")))
        origin = str(dict(OriginChoices.choices).get(fact.get("origin", ""), "")).lower()
        label = fact_type_label(fact.get("type", ""))
    stated_by = names.get(fact.get("stated_by") or "", "")
    how = f"{origin} van {stated_by}" if stated_by and origin else origin
    return {
        "id": str(fact.get("id", "")),
        "date_text": _fact_date(fact.get("date")),
        "source": source,
        "origin": how,
        "type": label,
        "text": str(fact.get("text", "")),
    }


def _considerations(assessment: Assessment | None) -> dict[str, Any] | None:
    """The legal criteria with their Dutch reasons, the red signals and the facts they cite."""
    if assessment is None:
        return None
    result = assessment.result_nl or {}
    legal = result.get("legal", {})
    with translation.override("nl"):
        criteria = [
            {
                "id": c["id"],
                "title": assessment_labels.criterion(c["id"]),
                "article": c.get("article", ""),
                "met": bool(c.get("met")),
                "reason": c.get("reason", ""),
                "facts": list(c.get("facts", [])),
            }
            for c in legal.get("criteria", [])
        ]
        sources = [
            str(dict(SourceChoices.choices).get(s, s))
            for s in (assessment.sources or result.get("sources", []))
        ]
    signals = _red_signals(result)
    cited = {f for c in criteria if c["id"] == "danger" for f in c["facts"]}
    cited |= {f for s in signals for f in s["facts"]}
    casefile = assessment.casefile or {}
    names = {p["id"]: f"{p['given_names']} {p['surname']}" for p in casefile.get("persons", [])}
    facts = [_fact(f, names) for f in casefile.get("facts", []) if f.get("id") in cited]
    known = {f["id"] for f in facts}
    missing = sorted(cited - known)
    return {
        "assessment": {
            "version": assessment.version,
            "date_text": dutch_date(to_amsterdam(assessment.created_at).date()),
            "joint": assessment.joint,
            "sources": sources,
        },
        "criteria": criteria,
        "signals": signals,
        "facts": facts,
        "facts_not_in_file": missing,
    }


# -- the remedy block -------------------------------------------------------------------------


def _remedy(
    organisation: Organisation, municipality: dict[str, str], params: LawParameters, kind: DocumentKind
) -> dict[str, Any]:
    """The remedy wording, from the municipality's own block when it has one."""
    template = select_template(
        [f"orders/beschikking/remedy-{organisation.code}.txt", "orders/beschikking/remedy.txt"]
    )
    text = template.render(
        {
            "court": municipality["court"],
            "court_name": municipality["court_name"],
            "municipality": municipality["short_name"],
            "appeal_weeks": dutch_number(APPEAL_WEEKS),
            "hearing_days": dutch_number(params.order.court_hearing_days),
            "kind": kind.value,
        }
    )
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return {"court": municipality["court"], "paragraphs": paragraphs, "template": template.template.name}


# -- the whole content ------------------------------------------------------------------------


def _check(order: Order, event: OrderEvent, kind: DocumentKind) -> datetime:
    """The moment of imposition, once the order and the decision can have this beschikking."""
    if event.order_id != order.pk:
        raise DocumentError("the decision belongs to another order")
    if event.action not in ACTIONS[kind]:
        raise DocumentError(f"a {kind} beschikking does not record the decision '{event.action}'")
    if order.imposed_at is None or not order.imposition_form:
        raise DocumentError("the order has not been imposed")
    if not order.municipality.court:
        raise DocumentError(f"{order.municipality} has no administrative court recorded for the remedy")
    if kind is not DocumentKind.IMPOSITION and not event.reason.strip():
        raise DocumentError(f"a {kind} beschikking states its reason (art. 2 lid 4 sub b Wth)")
    return order.imposed_at


def build_content(
    order: Order, event: OrderEvent, kind: DocumentKind, issued_at: datetime, number: str, version: str
) -> dict[str, Any]:
    imposed_at = _check(order, event, kind)
    params = parameter_set(order.parameter_set)
    case = order.case
    dwelling = case.dwelling
    municipality = _municipality(order.municipality)
    protected: list[Involvement] = list(order.protected.select_related("person").order_by("position", "pk"))
    if not protected:
        raise DocumentError("the contact ban names no one (art. 2 lid 4 sub c Wth)")
    assessment = event.assessment or order.assessment
    considerations = _considerations(assessment)
    if kind is DocumentKind.IMPOSITION and considerations is None:
        raise DocumentError("an imposition needs the assessment that motivates it (art. 2 lid 4 sub b Wth)")
    first_end = initial_end(imposed_at, params)
    latest_end = order.latest_extension_end or latest_extension_end(imposed_at, params)
    content: dict[str, Any] = {
        "format": CONTENT_FORMAT,
        "template_version": version,
        "kind": kind.value,
        "title": TITLES[kind],
        "subject": SUBJECTS[kind],
        "number": number,
        "order_number": order.number,
        "case_reference": case.reference,
        "issued_at": _moment(issued_at),
        "issued_date_text": dutch_weekday_date(issued_at),
        "municipality": municipality,
        "addressee": _person(order.perpetrator.person),
        "dwelling": _dwelling(dwelling),
        "protected": [_person(involvement.person) for involvement in protected],
        "duration": {
            "days": params.order.initial_duration_days,
            "max_days": params.order.max_duration_days,
            "imposed_at": _moment(imposed_at),
            "ends_at": _moment(first_end),
            "latest_end": _moment(latest_end),
        },
        "oral": (
            {"announced_at": _moment(imposed_at)}
            if order.imposition_form == ImpositionForm.ORAL and kind is DocumentKind.IMPOSITION
            else None
        ),
        "reachability_due": _moment(add_elapsed_hours(imposed_at, params.order.reachability_hours)),
        "reachability_hours": params.order.reachability_hours,
        "decision": {"action": event.action, "at": _moment(event.at), "reason": event.reason.strip()},
        "considerations": considerations,
        "signatory": _signatory(event, kind, municipality),
        "remedy": _remedy(order.municipality, municipality, params, kind),
    }
    if kind is DocumentKind.EXTENSION:
        new_end = order.extended_until or order.ends_at
        # Compared in UTC: Python compares two Amsterdam datetimes by wall clock (docs/deadlines.md).
        if new_end is None or as_utc(new_end) <= as_utc(first_end):
            raise DocumentError("the extension has no end after the first ten days")
        if as_utc(new_end) > as_utc(latest_end):
            raise DocumentError("an extension ends at most four weeks after imposition (art. 9 lid 1 Wth)")
        content["extension"] = {
            "until": _moment(new_end),
            "total_days": _whole_days(as_utc(new_end) - as_utc(imposed_at)),
        }
    if kind is DocumentKind.WITHDRAWAL:
        content["withdrawal"] = {"at": _moment(event.at)}
    persons = Person.objects.filter(involvements__case=case).distinct()
    return scrub(content, forbidden_patterns(persons, dwelling))


def _whole_days(span: timedelta) -> int:
    """Calendar days between two same-clock-time instants (a clock change adds or drops an hour)."""
    return round(span.total_seconds() / 86400)
