"""Operations on case records. Views, the API and the command call these, never the models."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from huisverbod.accounts.models import User
from huisverbod.cases.casefiles import casefile_of, store_fact
from huisverbod.cases.models import Case, Person
from huisverbod.core import casefile as cf
from huisverbod.core.casefile.errors import CaseFileError, Problem


class FactRefused(Exception):
    """The new fact is not valid; ``problems`` name the fact's fields (``about``, ``date`` ...)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def next_fact_id(case: Case) -> str:
    """``f<n>``: one more than the highest numbered fact id of the case."""
    numbers = [
        int(m[1])
        for m in (re.fullmatch(r"f(\d+)", i) for i in case.facts.values_list("local_id", flat=True))
        if m
    ]
    return f"f{max(numbers, default=0) + 1}"


def add_fact(case: Case, data: dict[str, Any], *, actor: User | None = None) -> cf.Fact:
    """Add one fact, validated exactly as a fact in a case file is.

    ``data`` holds the case-file keys of a fact (``type``, ``date``, ``about``, ``against``,
    ``source``, ``origin``, ``stated_by``, ``text``); the id is assigned here. Problems name the
    fact's own fields.
    """
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        document = cf.to_dict(casefile_of(case))
        fact = {"id": next_fact_id(case), **{k: v for k, v in data.items() if v not in (None, "")}}
        if "against" in fact and not fact["against"]:
            del fact["against"]
        index = len(document["facts"])
        document["facts"].append(fact)
        try:
            parsed = cf.parse(document).casefile
        except CaseFileError as exc:
            raise FactRefused(_own_problems(exc.problems, index)) from None
        new = parsed.facts[-1]
        involvements = {inv.local_id: inv for inv in case.involvements.all()}
        store_fact(
            case,
            new,
            involvements,
            position=index,
            actor=actor,
            organisation=actor.organisation if actor else None,
        )
        case.save(update_fields=["updated_at"])
    return new


def _own_problems(problems: list[Problem], index: int) -> list[Problem]:
    """Keep the new fact's problems, with paths relative to the fact (``about[0]``)."""
    prefix = f"facts[{index}]"
    own = [
        Problem(p.path[len(prefix) :].lstrip(".") or "$", p.message)
        for p in problems
        if p.path.startswith(prefix)
    ]
    return own or problems


PERSON_DETAIL_FIELDS = (
    "bsn",
    "bsn_confidential",
    "street",
    "house_number",
    "postcode",
    "city",
    "address_confidential",
)


def update_person_details(person: Person, data: dict[str, Any]) -> list[str]:
    """Change a person's protected details; returns the names of the fields that changed."""
    stored = Person.objects.get(pk=person.pk)  # the form may have changed ``person`` in memory
    changed = [name for name in PERSON_DETAIL_FIELDS if name in data and getattr(stored, name) != data[name]]
    for name in changed:
        setattr(stored, name, data[name])
    if changed:
        stored.full_clean()
        stored.save(update_fields=changed)
    return changed
