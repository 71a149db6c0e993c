"""Parse and validate a case file into typed objects.

Every problem names its field by JSON path (``facts[0].about[0]: unknown person 'p99'``). All
problems are collected before the file is refused, so one run shows everything to mend.

Version-1 files stay readable forever: each supported ``format`` has its own reader below, and
all readers produce the same objects.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from huisverbod.core.calendar.instants import add_days_same_clock_time, isoformat
from huisverbod.core.casefile.errors import ROOT, CaseFileError, Problem, child
from huisverbod.core.casefile.model import (
    CaseFile,
    Dwelling,
    Fact,
    FactDate,
    Instant,
    Order,
    Person,
    Relationship,
    Trigger,
)
from huisverbod.core.casefile.vocabulary import (
    FACT_TYPES,
    FORMAT_V1,
    SUPPORTED_FORMATS,
    OrderImposedBy,
    OrganisationKind,
    Origin,
    RelationshipKind,
    Residence,
    Role,
    Sex,
    TriggerKind,
)

DATE_TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FACT_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

E = TypeVar("E", bound=StrEnum)

TOP_LEVEL_KEYS = (
    "format",
    "id",
    "title",
    "assessment_time",
    "trigger",
    "dwelling",
    "persons",
    "relationships",
    "facts",
    "order",
)


@dataclass(frozen=True)
class ParseResult:
    casefile: CaseFile
    warnings: tuple[Problem, ...]


class _Reader:
    """Collects problems while reading one document."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(path, message))

    # -- shapes ---------------------------------------------------------------------------

    def obj(self, value: Any, path: str) -> Mapping[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, f"expected an object, got {_kind(value)}")
            return None
        return value

    def present(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        """Whether a required key is there; reports it missing if not."""
        if key not in data:
            self.fail(child(path, key), "required field missing")
            return False
        return True

    def string(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True, non_empty: bool = False
    ) -> str | None:
        if key not in data:
            if required:
                self.fail(child(path, key), "required field missing")
            return None
        value = data[key]
        if not isinstance(value, str):
            self.fail(child(path, key), f"expected a string, got {_kind(value)}")
            return None
        if non_empty and not value.strip():
            self.fail(child(path, key), "must not be empty")
            return None
        return value

    def choice(
        self, data: Mapping[str, Any], key: str, path: str, enum: type[E], *, required: bool = True
    ) -> E | None:
        text = self.string(data, key, path, required=required)
        if text is None:
            return None
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.fail(child(path, key), f"unknown value '{text}' (allowed: {allowed})")
            return None

    def array(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> list[Any] | None:
        if key not in data:
            if required:
                self.fail(child(path, key), "required field missing")
            return None
        value = data[key]
        if not isinstance(value, list):
            self.fail(child(path, key), f"expected an array, got {_kind(value)}")
            return None
        return value

    def instant(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> Instant | None:
        text = self.string(data, key, path, required=required)
        if text is None:
            return None
        field_path = child(path, key)
        if not DATE_TIME_PATTERN.match(text):
            self.fail(
                field_path,
                f"'{text}' is not an ISO 8601 date-time with offset (e.g. 2021-11-06T23:40:00+01:00)",
            )
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            self.fail(field_path, f"'{text}' is not a possible date-time")
            return None
        return Instant(text=text, value=value)

    def calendar_date(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, date] | None:
        text = self.string(data, key, path)
        if text is None:
            return None
        match = DATE_PATTERN.match(text)
        if not match:
            self.fail(child(path, key), f"'{text}' is not a date in the form YYYY-MM-DD")
            return None
        try:
            return text, date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.fail(child(path, key), f"'{text}' is not a possible date")
            return None

    def fact_date(self, data: Mapping[str, Any], key: str, path: str) -> FactDate | None:
        text = self.string(data, key, path, required=False)
        if text is None:
            return None
        match = FACT_DATE_PATTERN.match(text)
        if not match:
            self.fail(child(path, key), f"'{text}' is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        year, month, day = int(match[1]), match[2], match[3]
        try:
            return FactDate.from_parts(text, year, int(month) if month else None, int(day) if day else None)
        except ValueError:
            self.fail(child(path, key), f"'{text}' is not a possible date")
            return None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _extra(data: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    """Keys this version does not know: kept, so an export gives them back."""
    return {key: value for key, value in data.items() if key not in known}


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads(text: str | bytes, source: str | None = None) -> Any:
    """Decode JSON, refusing a key given twice in one object (its meaning would be ambiguous)."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        problem = Problem(ROOT, f"not valid: the key '{exc.key}' appears twice in one object")
        raise CaseFileError([problem], source) from None
    except UnicodeDecodeError as exc:
        problem = Problem(ROOT, f"not valid JSON: not UTF-8 text ({exc.reason})")
        raise CaseFileError([problem], source) from None
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            [Problem(ROOT, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")], source
        ) from None


def parse_text(text: str | bytes, source: str | None = None) -> ParseResult:
    return parse(loads(text, source), source)


def parse(data: Any, source: str | None = None) -> ParseResult:
    """Validate a decoded case file. Raises :class:`CaseFileError` naming every bad field."""
    reader = _Reader()
    document = reader.obj(data, ROOT)
    if document is None:
        raise CaseFileError(reader.problems, source)
    if "format" not in document:
        raise CaseFileError([Problem("format", "required field missing")], source)
    file_format = document["format"]
    if file_format not in SUPPORTED_FORMATS:
        supported = ", ".join(f"'{f}'" for f in sorted(SUPPORTED_FORMATS))
        raise CaseFileError(
            [Problem("format", f"unsupported format {json.dumps(file_format)} (supported: {supported})")],
            source,
        )
    casefile = READERS[file_format](reader, document)
    if reader.problems or casefile is None:
        raise CaseFileError(reader.problems, source)
    return ParseResult(casefile=casefile, warnings=tuple(reader.warnings))


def parse_casefile(data: Any, source: str | None = None) -> CaseFile:
    return parse(data, source).casefile


# -- version 1 -----------------------------------------------------------------------------


def _read_v1(reader: _Reader, doc: Mapping[str, Any]) -> CaseFile | None:
    case_id = reader.string(doc, "id", ROOT, non_empty=True)
    title = reader.string(doc, "title", ROOT, required=False)
    assessment_time = reader.instant(doc, "assessment_time", ROOT)
    trigger = _read_trigger(reader, doc["trigger"]) if reader.present(doc, "trigger", ROOT) else None
    dwelling = _read_dwelling(reader, doc["dwelling"]) if reader.present(doc, "dwelling", ROOT) else None

    persons: list[Person] = []
    person_items = reader.array(doc, "persons", ROOT)
    if person_items is not None:
        if not person_items:
            reader.fail("persons", "at least one person is required")
        seen: dict[str, int] = {}
        for index, item in enumerate(person_items):
            person = _read_person(reader, item, child("persons", index), assessment_time)
            if person is None:
                continue
            if person.id in seen:
                reader.fail(
                    child(child("persons", index), "id"),
                    f"duplicate person id '{person.id}' (also persons[{seen[person.id]}])",
                )
                continue
            seen[person.id] = index
            persons.append(person)
    # Every id a person item gives counts as known, even if that item has other problems, so a
    # reference is judged on its own merits.
    known_persons = {
        item["id"]
        for item in person_items or []
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    check_refs = person_items is not None

    relationships: list[Relationship] | None = None
    relationship_items = reader.array(doc, "relationships", ROOT, required=False)
    if relationship_items is not None:
        relationships = []
        for index, item in enumerate(relationship_items):
            rel = _read_relationship(reader, item, child("relationships", index), known_persons, check_refs)
            if rel is not None:
                relationships.append(rel)

    facts: list[Fact] = []
    fact_items = reader.array(doc, "facts", ROOT)
    if fact_items is not None:
        seen_facts: dict[str, int] = {}
        for index, item in enumerate(fact_items):
            fact = _read_fact(reader, item, child("facts", index), known_persons, check_refs)
            if fact is None:
                continue
            if fact.id in seen_facts:
                reader.fail(
                    child(child("facts", index), "id"),
                    f"duplicate fact id '{fact.id}' (also facts[{seen_facts[fact.id]}])",
                )
                continue
            seen_facts[fact.id] = index
            facts.append(fact)

    order = None
    if "order" in doc:
        order = _read_order(reader, doc["order"], "order")

    if reader.problems or case_id is None or assessment_time is None or trigger is None or dwelling is None:
        return None
    return CaseFile(
        format=FORMAT_V1,
        id=case_id,
        title=title,
        assessment_time=assessment_time,
        trigger=trigger,
        dwelling=dwelling,
        persons=tuple(persons),
        relationships=tuple(relationships) if relationships is not None else None,
        facts=tuple(facts),
        order=order,
        extra=_extra(doc, TOP_LEVEL_KEYS),
    )


def _read_trigger(reader: _Reader, value: Any) -> Trigger | None:
    data = reader.obj(value, "trigger")
    if data is None:
        return None
    kind = reader.choice(data, "kind", "trigger", TriggerKind)
    requested_by = reader.choice(data, "requested_by", "trigger", OrganisationKind, required=False)
    if kind is None:
        return None
    return Trigger(kind=kind, requested_by=requested_by, extra=_extra(data, ("kind", "requested_by")))


DWELLING_KEYS = ("street", "house_number", "postcode", "city")


def _read_dwelling(reader: _Reader, value: Any) -> Dwelling | None:
    data = reader.obj(value, "dwelling")
    if data is None:
        return None
    parts = [reader.string(data, key, "dwelling") for key in DWELLING_KEYS]
    if any(part is None for part in parts):
        return None
    street, house_number, postcode, city = (str(part) for part in parts)
    return Dwelling(street, house_number, postcode, city, extra=_extra(data, DWELLING_KEYS))


PERSON_KEYS = ("id", "given_names", "surname", "birth_date", "sex", "role", "residence", "note")


def _read_person(reader: _Reader, value: Any, path: str, assessment_time: Instant | None) -> Person | None:
    data = reader.obj(value, path)
    if data is None:
        return None
    person_id = reader.string(data, "id", path, non_empty=True)
    given_names = reader.string(data, "given_names", path)
    surname = reader.string(data, "surname", path)
    birth = reader.calendar_date(data, "birth_date", path)
    sex = reader.choice(data, "sex", path, Sex, required=False)
    role = reader.choice(data, "role", path, Role)
    residence = reader.choice(data, "residence", path, Residence)
    note = reader.string(data, "note", path, required=False)
    if birth is not None and assessment_time is not None and birth[1] > assessment_time.value.date():
        reader.fail(
            child(path, "birth_date"), f"'{birth[0]}' is after assessment_time ({assessment_time.text})"
        )
    if (
        person_id is None
        or given_names is None
        or surname is None
        or birth is None
        or role is None
        or residence is None
    ):
        return None
    return Person(
        id=person_id,
        given_names=given_names,
        surname=surname,
        birth_date=birth[1],
        birth_date_text=birth[0],
        sex=sex,
        role=role,
        residence=residence,
        note=note,
        extra=_extra(data, PERSON_KEYS),
    )


def _person_refs(
    reader: _Reader,
    data: Mapping[str, Any],
    key: str,
    path: str,
    known: set[str],
    check: bool,
    *,
    required: bool,
    min_items: int = 0,
) -> tuple[str, ...] | None:
    items = reader.array(data, key, path, required=required)
    if items is None:
        return None
    field_path = child(path, key)
    if len(items) < min_items:
        reader.fail(field_path, f"at least {min_items} person id(s) required")
    refs: list[str] = []
    for index, item in enumerate(items):
        item_path = child(field_path, index)
        if not isinstance(item, str):
            reader.fail(item_path, f"expected a person id (string), got {_kind(item)}")
            continue
        if check and item not in known:
            reader.fail(item_path, f"unknown person '{item}'")
            continue
        if item in refs:
            reader.fail(item_path, f"person '{item}' is listed twice")
            continue
        refs.append(item)
    return tuple(refs)


def _read_relationship(
    reader: _Reader, value: Any, path: str, known: set[str], check: bool
) -> Relationship | None:
    data = reader.obj(value, path)
    if data is None:
        return None
    raw_between = data.get("between")
    if isinstance(raw_between, list) and len(raw_between) != 2:
        reader.fail(child(path, "between"), f"exactly two person ids are required, got {len(raw_between)}")
        between = None
    else:
        between = _person_refs(reader, data, "between", path, known, check, required=True)
    kind = reader.choice(data, "kind", path, RelationshipKind)
    if between is None or kind is None or len(between) != 2:
        return None
    return Relationship(between=(between[0], between[1]), kind=kind, extra=_extra(data, ("between", "kind")))


FACT_KEYS = ("id", "type", "date", "about", "against", "source", "origin", "stated_by", "text")


def _read_fact(reader: _Reader, value: Any, path: str, known: set[str], check: bool) -> Fact | None:
    data = reader.obj(value, path)
    if data is None:
        return None
    fact_id = reader.string(data, "id", path, non_empty=True)
    fact_type = reader.string(data, "type", path)
    if fact_type is not None and fact_type not in FACT_TYPES:
        reader.fail(child(path, "type"), f"unknown fact type '{fact_type}'")
        fact_type = None
    fact_date = reader.fact_date(data, "date", path)
    about = _person_refs(reader, data, "about", path, known, check, required=True, min_items=1)
    against = _person_refs(reader, data, "against", path, known, check, required=False)
    source = reader.choice(data, "source", path, OrganisationKind)
    origin = reader.choice(data, "origin", path, Origin)
    stated_by = reader.string(data, "stated_by", path, required=False)
    if stated_by is not None and check and stated_by not in known:
        reader.fail(child(path, "stated_by"), f"unknown person '{stated_by}'")
    if origin == Origin.STATEMENT and stated_by is None:
        reader.warn(child(path, "stated_by"), "a statement without the person who made it")
    if origin is not None and origin != Origin.STATEMENT and stated_by is not None:
        reader.warn(child(path, "stated_by"), f"stated_by given for origin '{origin.value}'")
    text = reader.string(data, "text", path)
    if (
        fact_id is None
        or fact_type is None
        or about is None
        or source is None
        or origin is None
        or text is None
    ):
        return None
    return Fact(
        id=fact_id,
        type=fact_type,
        date=fact_date,
        about=about,
        against=against,
        source=source,
        origin=origin,
        stated_by=stated_by,
        text=text,
        extra=_extra(data, FACT_KEYS),
    )


ORDER_KEYS = ("imposed_at", "imposed_by", "oral", "extended_until")


def _read_order(reader: _Reader, value: Any, path: str) -> Order | None:
    data = reader.obj(value, path)
    if data is None:
        return None
    imposed_at = reader.instant(data, "imposed_at", path)
    imposed_by = reader.choice(data, "imposed_by", path, OrderImposedBy)
    oral: bool | None = None
    if "oral" in data:
        if isinstance(data["oral"], bool):
            oral = data["oral"]
        else:
            reader.fail(child(path, "oral"), f"expected true or false, got {_kind(data['oral'])}")
    extended_until = reader.instant(data, "extended_until", path, required=False)
    if imposed_at is not None and extended_until is not None:
        _check_extension(reader, imposed_at, extended_until, child(path, "extended_until"))
    if imposed_at is None or imposed_by is None:
        return None
    return Order(
        imposed_at=imposed_at,
        imposed_by=imposed_by,
        oral=oral,
        extended_until=extended_until,
        extra=_extra(data, ORDER_KEYS),
    )


def _check_extension(reader: _Reader, imposed_at: Instant, extended_until: Instant, path: str) -> None:
    """art. 9 lid 1 Wth: an extension runs "tot ten hoogste vier weken nadat het is opgelegd"."""
    # Imported here: the law's parameters use this package's vocabulary, so a module-level
    # import would be circular.
    from huisverbod.core.law.parameters import ParameterSetError, parameters_on

    try:
        law = parameters_on(imposed_at.value.date())
    except ParameterSetError as exc:
        reader.fail(path, str(exc))
        return
    initial_end = add_days_same_clock_time(imposed_at.value, law.order.initial_duration_days)
    latest = add_days_same_clock_time(imposed_at.value, law.order.max_duration_days)
    if extended_until.value > latest:
        reader.fail(
            path,
            f"'{extended_until.text}' is later than {law.order.max_duration_days} days after "
            f"imposed_at (art. 9 lid 1 Wth: at most until {isoformat(latest)})",
        )
    elif extended_until.value <= initial_end:
        reader.fail(
            path,
            f"'{extended_until.text}' is not after the end of the first "
            f"{law.order.initial_duration_days} days ({isoformat(initial_end)}); that is not an extension",
        )


READERS: dict[str, Callable[[_Reader, Mapping[str, Any]], CaseFile | None]] = {
    FORMAT_V1: _read_v1,
}
