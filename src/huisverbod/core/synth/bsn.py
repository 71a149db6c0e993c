"""Synthetic BSNs: valid (they pass the 11-proof), unique per person, reproducible per seed."""

from __future__ import annotations

from random import Random

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
_SPACE = 10_000_000  # first seven digits: room for ten million persons per seed
_STEP = 7_654_321  # coprime with 10, so the map below is a bijection on the seven digits


def _check_digit(first_eight: str) -> int:
    """The ninth digit that makes the number pass the 11-proof; 10 means none does."""
    return sum(w * int(d) for w, d in zip(_WEIGHTS, first_eight, strict=True)) % 11


def is_valid_bsn(number: str) -> bool:
    return (
        len(number) == 9
        and number.isdigit()
        and int(number) > 0
        and _check_digit(number[:8]) == int(number[8])
    )


def _complete(first_seven: str, eighth: int) -> str:
    """Choose the eighth digit (starting at ``eighth``) so that a check digit exists."""
    for step in range(10):
        first_eight = f"{first_seven}{(eighth + step) % 10}"
        check = _check_digit(first_eight)
        if check < 10:
            return f"{first_eight}{check}"
    raise AssertionError("unreachable: nine of ten eighth digits give a check digit")


def bsn_for(truth_id: int, seed: int) -> str:
    """The BSN of synthetic person ``truth_id``: distinct ids get distinct BSNs."""
    if not 0 < truth_id < _SPACE:
        raise ValueError(f"truth id {truth_id} outside 1..{_SPACE - 1}")
    offset = (seed * 1_000_003) % _SPACE
    first_seven = f"{(truth_id * _STEP + offset) % _SPACE:07d}"
    return _complete(first_seven, (truth_id * 3 + seed) % 10)


def mistyped_bsn(bsn: str, rng: Random) -> str:
    """Another valid BSN two digits away: one digit mistyped, and the check digit happening to fit.

    A single mistyped digit never passes the 11-proof, so a wrong BSN that a registry accepted
    differs in at least two places; this is such a number (possibly someone else's).
    """
    for _ in range(20):
        position = rng.randrange(7)
        digit = str((int(bsn[position]) + rng.randint(1, 9)) % 10)
        candidate = _complete(bsn[:position] + digit + bsn[position + 1 : 7], int(bsn[7]))
        if candidate != bsn and int(candidate) > 0:
            return candidate
    raise AssertionError("no mistyped BSN found")
