"""Blocking keys: exact strings under which a record is filed and a person is looked up.

A record is filed under a handful of keys (``blocking_keys``); a person is looked up with a few
more (``query_keys``: the swapped birth date too, every initial a nickname could stand for). A
record is a candidate when one of its keys is among the query keys. Every key is an exact
string, so a database finds candidates with one B-tree index on a (key, record) table:
``SELECT record_id FROM record_keys WHERE key = ANY(%s)``. Several independent keys mean one
typo (in the surname, the birth date or the BSN) never hides a record: another key still finds
it.

- ``bsn``: the BSN. Finds it despite any name or date noise.
- ``dob_sur``: birth date + first 3 letters of a surname core. Despite given-name forms,
  prefix forms, moves.
- ``dob_giv``: birth date + initial of the first given name (and of its canonical forms).
  Despite surname changes, double names, surname typos.
- ``yr_ph``: birth year + Dutch sound key of a surname core + initial. Despite day/month errors
  and spelling variants.
- ``md_sg``: day and month of birth + first 3 letters of a surname core + initial. Despite a
  wrong year digit.
- ``addr``: postcode + house number. Despite birth date and name errors together.
- ``nodob``: sound key of a surname core + initial, filed only for a record WITHOUT birth
  date. Despite a missing birth date.

The query side adds the day/month-swapped birth date to ``dob_sur`` and ``dob_giv``, and always
asks for ``nodob`` (a record files it only when it has no birth date, so the key stays small).
"""

from __future__ import annotations

from collections.abc import Iterable

from huisverbod.core.matching.features import Features, features_of
from huisverbod.core.matching.model import PersonLike

KEY_KINDS = ("bsn", "dob_sur", "dob_giv", "yr_ph", "md_sg", "addr", "nodob")
SURNAME_KEY_LETTERS = 3


def _dates(features: Features, *, with_swap: bool) -> list[str]:
    if not features.birth_date:
        return []
    dates = [features.birth_digits]
    birth = features.birth_date
    if with_swap and birth.day <= 12 and birth.day != birth.month:
        dates.append(f"{birth.year:04d}{birth.day:02d}{birth.month:02d}")
    return dates


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _keys(features: Features, *, query: bool) -> list[str]:
    keys: list[str] = []
    if features.bsn:
        keys.append(f"bsn:{features.bsn}")
    cores = _unique(core for core in features.surname.cores if core)
    initials = sorted(features.given.canonical_initials)
    for digits in _dates(features, with_swap=query):
        keys.extend(f"dob_sur:{digits}:{core[:SURNAME_KEY_LETTERS]}" for core in cores)
        keys.extend(f"dob_giv:{digits}:{initial}" for initial in initials)
    sounds = _unique(part.phonetic for part in features.surname.parts if part.phonetic)
    if features.birth_date:
        year, day = features.birth_digits[:4], features.birth_digits[4:]
        keys.extend(f"yr_ph:{year}:{sound}:{initial}" for sound in sounds for initial in initials)
        keys.extend(
            f"md_sg:{day}:{core[:SURNAME_KEY_LETTERS]}:{initial}" for core in cores for initial in initials
        )
    if query or not features.birth_date:
        keys.extend(f"nodob:{sound}:{initial}" for sound in sounds for initial in initials)
    if features.postcode and features.house_number:
        keys.append(f"addr:{features.postcode}:{features.house_number}")
    return _unique(keys)


def blocking_keys(record: PersonLike) -> list[str]:
    """The keys a registry record is filed under (store them as indexed rows)."""
    return _keys(features_of(record), query=False)


def query_keys(person: PersonLike) -> list[str]:
    """The keys to look a person up with; a superset of the person's own blocking keys."""
    return _keys(features_of(person), query=True)


def record_keys_from_features(features: Features) -> list[str]:
    return _keys(features, query=False)


def query_keys_from_features(features: Features) -> list[str]:
    return _keys(features, query=True)


def key_kind(key: str) -> str:
    return key.split(":", 1)[0]
