"""Whose data a processing touches: the persons of the cases involved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from huisverbod.cases.models import Case, Involvement


def of_cases(cases: Iterable[Case]) -> dict[str, list[int]]:
    """Case reference → the ids of the persons involved in it."""
    by_pk = {case.pk: case.reference for case in cases}
    subjects: dict[str, list[int]] = defaultdict(list)
    for case_id, person_id in Involvement.objects.filter(case_id__in=by_pk).values_list(
        "case_id", "person_id"
    ):
        subjects[by_pk[case_id]].append(person_id)
    return {by_pk[pk]: subjects.get(by_pk[pk], []) for pk in by_pk}


def of_case(case: Case) -> dict[str, list[int]]:
    return of_cases([case])
