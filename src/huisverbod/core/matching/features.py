"""A person or record reduced to the normalised values the keys and comparisons use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from huisverbod.core.matching.model import PersonLike
from huisverbod.core.matching.names import GivenNames, Surname, fold, parse_given_names, parse_surname

_NOT_DIGITS = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_KNOWN_SEXES = frozenset({"M", "F"})


@dataclass(frozen=True, slots=True)
class Features:
    given: GivenNames
    surname: Surname
    birth_date: date | None
    birth_digits: str  # "19650512", or "" when unknown
    sex: str | None  # "M" or "F"; None when unknown ("X" and "onbekend" carry no evidence)
    bsn: str  # nine digits, or ""
    postcode: str  # "3512AB", or ""
    house_number: str  # "14", "14A", or ""
    street: str  # folded, spaces removed ("lindenlaan"), or ""


def normalise_bsn(value: str | None) -> str:
    digits = _NOT_DIGITS.sub("", value or "")
    if not digits or int(digits) == 0:
        return ""
    return digits.zfill(9) if len(digits) in (8, 9) else digits


def normalise_postcode(value: str | None) -> str:
    return _NOT_ALNUM.sub("", (value or "").upper())


def normalise_house_number(value: str | None) -> str:
    return _NOT_ALNUM.sub("", (value or "").upper()).lstrip("0")


def normalise_sex(value: str | None) -> str | None:
    sex = (value or "").strip().upper()[:1]
    if sex == "V":  # "vrouw"
        sex = "F"
    return sex if sex in _KNOWN_SEXES else None


def features_of(person: PersonLike) -> Features:
    birth = person.birth_date
    return Features(
        given=parse_given_names(person.given_names or ""),
        surname=parse_surname(person.prefix or "", person.surname or ""),
        birth_date=birth,
        birth_digits=birth.strftime("%Y%m%d") if birth else "",
        sex=normalise_sex(person.sex),
        bsn=normalise_bsn(person.bsn),
        postcode=normalise_postcode(person.postcode),
        house_number=normalise_house_number(person.house_number),
        street=fold(person.street or "").replace(" ", ""),
    )
