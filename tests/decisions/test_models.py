"""The decisions app's models: the contract with the synthetic national history."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from huisverbod.core.advice.measures import MEASURE_BASIS
from huisverbod.decisions.models import (
    MEASURE_CHOICES,
    Decision,
    MeasureTaken,
    NotPossibleReason,
    Outcome,
    track_of,
)

pytestmark = pytest.mark.django_db


def test_every_measure_but_the_huisverbod_is_a_choice():
    assert {m for m, _ in MEASURE_CHOICES} == set(MEASURE_BASIS) - {"huisverbod"}


@pytest.mark.parametrize(
    ("measure", "track"),
    [
        ("arrest", "criminal"),
        ("criminal_contact_ban", "criminal"),
        ("care_referral", "care"),
        ("civil_contact_ban", "civil"),
        ("child_protection", "youth"),
        ("area_ban", "administrative"),
    ],
)
def test_the_track_follows_the_measure_on_save(seed_cases, measure, track):
    case = seed_cases["seed-1"]
    taken = MeasureTaken.objects.create(case=case, measure=measure, track="", taken_on=date(2025, 3, 1))
    taken.refresh_from_db()
    assert taken.track == track == track_of(measure)
    taken.measure = "shelter"
    taken.save(update_fields=["measure"])
    taken.refresh_from_db()
    assert taken.track == "care"


def test_the_huisverbod_is_an_outcome_not_a_measure_taken():
    with pytest.raises(ValueError, match="huisverbod"):
        track_of("huisverbod")
    with pytest.raises(ValueError, match="nonsense"):
        track_of("nonsense")


def test_a_decision_not_possible_needs_known_reasons(seed_cases):
    case = seed_cases["seed-1"]
    decision = Decision(case=case, outcome=Outcome.NOT_POSSIBLE, decided_at=timezone.now())
    with pytest.raises(ValidationError, match="say why"):
        decision.full_clean()
    decision.not_possible_reasons = ["ex_partner", "bogus"]
    with pytest.raises(ValidationError, match="bogus"):
        decision.full_clean()
    decision.not_possible_reasons = [NotPossibleReason.EX_PARTNER, NotPossibleReason.MINOR]
    decision.full_clean()
    decision.save()
    other = Decision(
        case=case, outcome=Outcome.NO_ORDER, decided_at=timezone.now(), not_possible_reasons=["minor"]
    )
    with pytest.raises(ValidationError, match="reasons belong"):
        other.full_clean()


def test_measures_go_with_their_decision_and_case(seed_cases):
    case = seed_cases["seed-1"]
    decision = Decision.objects.create(case=case, outcome=Outcome.NO_ORDER, decided_at=timezone.now())
    MeasureTaken.objects.create(case=case, decision=decision, measure="arrest", taken_on=date(2025, 1, 2))
    assert list(case.decisions.all()) == [decision]
    assert decision.measures.get().track == "criminal"
    assert case.measures_taken.count() == 1
    decision.delete()
    assert case.measures_taken.count() == 0
