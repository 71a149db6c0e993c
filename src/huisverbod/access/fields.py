"""Field-level protection: which of a person's protected fields a user may see in a case."""

from __future__ import annotations

from dataclasses import dataclass

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.cases.models import Case, Person


@dataclass(frozen=True)
class PersonFields:
    address: bool
    bsn: bool


def person_fields(user: User, case: Case, person: Person) -> PersonFields:
    """A confidential address or BSN only for those who must act on the person's safety."""
    confidential = can(user, Action.VIEW_CONFIDENTIAL, case)
    address = can(user, Action.VIEW_ADDRESS, case) and (confidential or not person.address_confidential)
    bsn = can(user, Action.VIEW_BSN, case) and (confidential or not person.bsn_confidential)
    return PersonFields(address=address and person.has_address, bsn=bsn and bool(person.bsn))
