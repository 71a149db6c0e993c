"""The case-file exchange format ``huisverbod-casus/1`` (``shared/casefile/``) as typed objects."""

from huisverbod.core.casefile.errors import CaseFileError, Problem
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
from huisverbod.core.casefile.parse import ParseResult, loads, parse, parse_casefile, parse_text
from huisverbod.core.casefile.serialize import dumps, to_dict

__all__ = [
    "CaseFile",
    "CaseFileError",
    "Dwelling",
    "Fact",
    "FactDate",
    "Instant",
    "Order",
    "ParseResult",
    "Person",
    "Problem",
    "Relationship",
    "Trigger",
    "dumps",
    "loads",
    "parse",
    "parse_casefile",
    "parse_text",
    "to_dict",
]
