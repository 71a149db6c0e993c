"""Never an address other than the dwelling's, never a BSN, in a beschikking.

The content copies no person's address or BSN in the first place (``documents_content``). Free
texts do come in (fact texts, the reasons of the assessment and of the decision), so everything
is scrubbed of the addresses and BSNs of all persons in the case before it is stored or printed.
Over-redaction is the safe side: a street name is removed wherever it stands, and for a
confidential address (a shelter) the place name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from huisverbod.cases.models import Dwelling, Person

REDACTED_ADDRESS = "[adres weggelaten]"
REDACTED_BSN = "[BSN weggelaten]"

Patterns = list[tuple[re.Pattern[str], str]]


def forbidden_patterns(persons: Iterable[Person], dwelling: Dwelling) -> Patterns:
    """Patterns for every address (other than the dwelling) and BSN of the persons in the case."""
    patterns: Patterns = []

    def same(a: str, b: str) -> bool:
        return re.sub(r"\s+", "", a).lower() == re.sub(r"\s+", "", b).lower()

    for person in persons:
        if person.bsn:
            digits = r"[\s.]?".join(re.escape(d) for d in person.bsn)
            patterns.append((re.compile(rf"(?<!\d){digits}(?!\d)"), REDACTED_BSN))
        street, number = person.street.strip(), person.house_number.strip()
        if street and number and not (same(street, dwelling.street) and same(number, dwelling.house_number)):
            patterns.append(
                (re.compile(rf"{re.escape(street)}\s*{re.escape(number)}\b", re.IGNORECASE), REDACTED_ADDRESS)
            )
        if street and not same(street, dwelling.street):
            patterns.append((re.compile(re.escape(street), re.IGNORECASE), REDACTED_ADDRESS))
        city = person.city.strip()
        if person.address_confidential and city and not same(city, dwelling.city):
            # Whole word and case as written: a place such as "Best" must not take the word "best".
            patterns.append((re.compile(rf"\b{re.escape(city)}\b"), REDACTED_ADDRESS))
        postcode = person.postcode.strip()
        if postcode and not same(postcode, dwelling.postcode):
            spaced = r"\s?".join(re.escape(c) for c in postcode.replace(" ", ""))
            patterns.append((re.compile(spaced, re.IGNORECASE), REDACTED_ADDRESS))
    return patterns


def scrub(value: Any, patterns: Patterns) -> Any:
    """``value`` with every match of ``patterns`` in its strings replaced (recursively)."""
    if isinstance(value, str):
        for pattern, replacement in patterns:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, dict):
        return {key: scrub(item, patterns) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item, patterns) for item in value]
    return value
