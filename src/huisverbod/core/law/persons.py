"""Who the order would concern and whom it would protect (art. 2 lid 1 and lid 2 Wth)."""

from __future__ import annotations

from datetime import date

from huisverbod.core.calendar.instants import to_amsterdam
from huisverbod.core.casefile.model import CaseFile, Person
from huisverbod.core.casefile.vocabulary import Role
from huisverbod.core.instruments.base import CaseRoles
from huisverbod.core.law.parameters import LawParameters


def assessment_day(casefile: CaseFile) -> date:
    """The assessment date as the law counts it: the calendar day in Europe/Amsterdam."""
    return to_amsterdam(casefile.assessment_time.value).date()


def is_adult(person: Person, day: date, params: LawParameters) -> bool:
    """art. 2 lid 2 Wth: a huisverbod can only be imposed on an adult ("meerderjarige")."""
    return person.age_on(day) >= params.persons.minimum_age


def resides(person: Person, params: LawParameters) -> bool:
    """art. 2 lid 1 Wth: lives in the dwelling or stays there "anders dan incidenteel"."""
    return person.residence in params.persons.qualifying_residences


def protected_residents(casefile: CaseFile, params: LawParameters) -> tuple[Person, ...]:
    """The persons an order protects: everyone but a perpetrator who lives or stays there."""
    return tuple(p for p in casefile.persons if p.role != Role.PERPETRATOR and resides(p, params))


def choose_subject(casefile: CaseFile, day: date, params: LawParameters) -> Person | None:
    """The perpetrator the assessment is about.

    With several, the first (in file order) on whom an order is possible (adult, resident, someone
    to protect); otherwise the first. ``None`` when the file names no perpetrator.
    """
    perpetrators = casefile.persons_with_role(Role.PERPETRATOR)
    possible = [
        p
        for p in perpetrators
        if is_adult(p, day, params) and resides(p, params) and protected_residents(casefile, params)
    ]
    candidates = possible or list(perpetrators)
    return candidates[0] if candidates else None


def case_roles(casefile: CaseFile, subject: Person | None, day: date, params: LawParameters) -> CaseRoles:
    return CaseRoles(
        day=day,
        perpetrators=frozenset({subject.id}) if subject is not None else frozenset(),
        protected=frozenset(p.id for p in casefile.persons if p.role != Role.PERPETRATOR),
        minors=frozenset(p.id for p in casefile.persons if not is_adult(p, day, params)),
    )


def describe(person: Person) -> str:
    """How reasons name a person: full name and id."""
    return f"{person.full_name} ({person.id})"
