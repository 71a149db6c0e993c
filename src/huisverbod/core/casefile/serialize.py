"""Write a case file back to its JSON object, exactly as it was read.

Optional keys are written only when they were present, dates and date-times keep the text the
file used, and keys this version does not know are given back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from huisverbod.core.casefile.model import CaseFile, Dwelling, Fact, Order, Person, Relationship, Trigger


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def trigger_to_dict(trigger: Trigger) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": trigger.kind.value}
    _put(data, "requested_by", trigger.requested_by.value if trigger.requested_by else None)
    return {**data, **trigger.extra}


def dwelling_to_dict(dwelling: Dwelling) -> dict[str, Any]:
    data = {
        "street": dwelling.street,
        "house_number": dwelling.house_number,
        "postcode": dwelling.postcode,
        "city": dwelling.city,
    }
    return {**data, **dwelling.extra}


def person_to_dict(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": person.id,
        "given_names": person.given_names,
        "surname": person.surname,
        "birth_date": person.birth_date_text or person.birth_date.isoformat(),
    }
    _put(data, "sex", person.sex.value if person.sex else None)
    data["role"] = person.role.value
    data["residence"] = person.residence.value
    _put(data, "note", person.note)
    return {**data, **person.extra}


def relationship_to_dict(relationship: Relationship) -> dict[str, Any]:
    data = {"between": list(relationship.between), "kind": relationship.kind.value}
    return {**data, **relationship.extra}


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {"id": fact.id, "type": fact.type}
    _put(data, "date", fact.date.text if fact.date else None)
    data["about"] = list(fact.about)
    _put(data, "against", list(fact.against) if fact.against is not None else None)
    data["source"] = fact.source.value
    data["origin"] = fact.origin.value
    _put(data, "stated_by", fact.stated_by)
    data["text"] = fact.text
    return {**data, **fact.extra}


def order_to_dict(order: Order) -> dict[str, Any]:
    data: dict[str, Any] = {"imposed_at": order.imposed_at.text, "imposed_by": order.imposed_by.value}
    _put(data, "oral", order.oral)
    _put(data, "extended_until", order.extended_until.text if order.extended_until else None)
    return {**data, **order.extra}


def to_dict(casefile: CaseFile) -> dict[str, Any]:
    data: dict[str, Any] = {"format": casefile.format, "id": casefile.id}
    _put(data, "title", casefile.title)
    data["assessment_time"] = casefile.assessment_time.text
    data["trigger"] = trigger_to_dict(casefile.trigger)
    data["dwelling"] = dwelling_to_dict(casefile.dwelling)
    data["persons"] = [person_to_dict(p) for p in casefile.persons]
    if casefile.relationships is not None:
        data["relationships"] = [relationship_to_dict(r) for r in casefile.relationships]
    data["facts"] = [fact_to_dict(f) for f in casefile.facts]
    if casefile.order is not None:
        data["order"] = order_to_dict(casefile.order)
    return {**data, **casefile.extra}


def dumps(value: Any) -> str:
    """The project's JSON style for case files: UTF-8 text, two-space indent."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
