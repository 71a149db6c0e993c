"""The true population: households of synthetic persons with names, birth dates, BSNs and
addresses over time. Registries and case persons are noisy renderings of these persons."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from random import Random

from huisverbod.core.synth.bsn import bsn_for
from huisverbod.core.synth.profile import PopulationProfile
from huisverbod.core.synth.tables import Tables, weighted_choice

HISTORY_START = date(2015, 1, 1)
_POSTCODE_LETTERS = [
    a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ" if a + b not in {"SA", "SD", "SS"}
]


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    house_number: str
    postcode: str  # "3512 AB"
    city: str


@dataclass(frozen=True, slots=True)
class TruePerson:
    truth_id: int
    household_id: int
    given_names: tuple[str, ...]  # the formal (registered) given names
    call_name: str  # the name the person goes by
    prefix: str
    surname: str
    birth_date: date
    sex: str  # "M" or "F"
    bsn: str
    origin: str
    is_child: bool
    addresses: tuple[tuple[date, Address], ...]  # (living there from, address), oldest first
    partner_prefix: str = ""  # the partner's surname a person may put before their own
    partner_surname: str = ""

    def address_on(self, day: date) -> Address:
        current = self.addresses[0][1]
        for start, address in self.addresses:
            if start <= day:
                current = address
        return current


@dataclass(frozen=True, slots=True)
class Household:
    household_id: int
    members: tuple[TruePerson, ...]
    registry_kind: str  # "both", "police", "veilig_thuis" or "none"


def _era(year: int) -> str:
    return "old" if year < 1965 else "mid" if year < 1990 else "young"


def random_address(rng: Random, tables: Tables) -> Address:
    city = tables.cities.pick(rng)
    number = rng.randint(1, 40) if rng.random() < 0.5 else rng.randint(1, 250)
    letter = rng.choice("ABC") if rng.random() < 0.05 else ""
    digits = rng.randint(city.postcode_from, city.postcode_to)
    return Address(
        street=tables.streets.pick(rng),
        house_number=f"{number}{letter}",
        postcode=f"{digits} {rng.choice(_POSTCODE_LETTERS)}",
        city=city.name,
    )


def _random_day(rng: Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


class PopulationBuilder:
    """Draws households one after another from one seeded RNG."""

    def __init__(self, rng: Random, tables: Tables, profile: PopulationProfile, seed: int, today: date):
        self.rng = rng
        self.tables = tables
        self.profile = profile
        self.seed = seed
        self.today = today
        self.next_truth_id = 1
        self.next_household_id = 1

    # --- names -------------------------------------------------------------------------------
    def _origin_for_given_names(self, origin: str) -> str:
        return origin if origin == "nl" or self.rng.random() < 0.85 else "nl"

    def given_names(self, sex: str, origin: str, birth: date) -> tuple[tuple[str, ...], str]:
        rng, era = self.rng, _era(birth.year)
        table = self.tables.given_names[(sex, self._origin_for_given_names(origin), era)]
        first = table.pick(rng)
        names = [first]
        count = int(weighted_choice(rng, self.profile.given_name_count))
        middle_table = self.tables.given_names[(sex, "nl" if origin == "nl" else origin, "old")]
        while len(names) < count:
            name = middle_table.pick(rng)
            if name not in names:
                names.append(name)
        call = first
        calls = self.tables.call_names.get(first)
        if calls and rng.random() < self.profile.call_name_differs:
            call = calls.pick(rng)
        return tuple(names), call

    def surname(self, origin: str) -> tuple[str, str]:
        rng = self.rng
        if origin == "nl" and rng.random() < self.profile.tail_surname:
            head = self.tables.surname_heads.pick(rng)
            return "", head + self.tables.surname_tails.pick(rng)
        return self.tables.surnames[origin].pick(rng)

    # --- persons -----------------------------------------------------------------------------
    def person(
        self,
        household_id: int,
        sex: str,
        origin: str,
        birth: date,
        name: tuple[str, str],
        addresses: tuple[tuple[date, Address], ...],
        *,
        is_child: bool = False,
        avoid_names: tuple[str, ...] = (),
    ) -> TruePerson:
        given, call = self.given_names(sex, origin, birth)
        for _ in range(5):  # parents do not give two children (twins!) the same first name
            if given[0] not in avoid_names:
                break
            given, call = self.given_names(sex, origin, birth)
        truth_id = self.next_truth_id
        self.next_truth_id += 1
        return TruePerson(
            truth_id=truth_id,
            household_id=household_id,
            given_names=given,
            call_name=call,
            prefix=name[0],
            surname=name[1],
            birth_date=birth,
            sex=sex,
            bsn=bsn_for(truth_id, self.seed),
            origin=origin,
            is_child=is_child,
            addresses=addresses,
        )

    def _adult_birth(self) -> date:
        age = min(80, max(18, int(self.rng.gauss(38, 12))))
        return _random_day(
            self.rng, date(self.today.year - age - 1, 1, 1), date(self.today.year - age - 1, 12, 31)
        )

    def _history(self) -> tuple[tuple[date, Address], ...]:
        rng = self.rng
        current = random_address(rng, self.tables)
        if rng.random() < self.profile.household_moved:
            moved = _random_day(rng, HISTORY_START + timedelta(days=365), self.today - timedelta(days=60))
            return ((date.min, random_address(rng, self.tables)), (moved, current))
        return ((date.min, current),)

    def household(self) -> Household:
        rng, profile = self.rng, self.profile
        household_id = self.next_household_id
        self.next_household_id += 1
        kind = weighted_choice(rng, profile.household_kinds)
        origin = weighted_choice(rng, profile.origins)
        history = self._history()
        family_name = self.surname(origin)
        share_men = {"couple_children": 1.0, "couple": 1.0, "single_parent": 0.2}.get(kind, 0.5)
        first_sex = "M" if rng.random() < share_men else "F"
        first = self.person(household_id, first_sex, origin, self._adult_birth(), family_name, history)
        members = [first]
        if kind.startswith("couple"):
            same_sex = rng.random() < profile.same_sex_couple
            partner_origin = origin if rng.random() < 0.85 else weighted_choice(rng, profile.origins)
            birth = first.birth_date + timedelta(days=int(rng.gauss(-2.5, 4) * 365))
            if birth > self.today - timedelta(days=18 * 366):  # too young: the partner is the older one
                birth = first.birth_date - timedelta(days=rng.randint(0, 5 * 365))
            partner = self.person(
                household_id,
                "M" if same_sex else "F",
                partner_origin,
                birth,
                self.surname(partner_origin),
                history,
            )
            if rng.random() < profile.double_surname_use:
                partner = replace(partner, partner_prefix=first.prefix, partner_surname=first.surname)
            members.append(partner)
        elif kind == "adult_siblings":
            birth = first.birth_date + timedelta(days=rng.randint(-8 * 365, 8 * 365))
            sex = "M" if rng.random() < 0.5 else "F"
            members.append(self.person(household_id, sex, origin, birth, family_name, history))
        if kind in ("couple_children", "single_parent"):
            mother = next((m for m in members if m.sex == "F"), first)
            child_name = (mother.prefix, mother.surname)
            if len(members) == 1 or rng.random() >= profile.child_mother_surname:
                child_name = family_name if len(members) > 1 else (first.prefix, first.surname)
            members.extend(self._children(household_id, mother, origin, child_name, history))
        if len(members) > 1 and rng.random() < profile.adult_moved_out:
            members = self._one_adult_moves_out(members)
        return Household(household_id, tuple(members), weighted_choice(rng, profile.registry_kinds))

    def _children(
        self,
        household_id: int,
        mother: TruePerson,
        origin: str,
        name: tuple[str, str],
        history: tuple[tuple[date, Address], ...],
    ) -> list[TruePerson]:
        rng = self.rng
        children: list[TruePerson] = []
        earliest = max(mother.birth_date + timedelta(days=19 * 365), self.today - timedelta(days=17 * 365))
        latest = min(mother.birth_date + timedelta(days=43 * 365), self.today - timedelta(days=30))
        if earliest > latest:
            return children
        count = weighted_choice(rng, ((1, 0.4), (2, 0.4), (3, 0.15), (4, 0.05)))
        twins = rng.random() < self.profile.twins
        births = sorted(_random_day(rng, earliest, latest) for _ in range(count))
        if twins:
            births.append(births[0])
        for birth in births:
            sex = "M" if rng.random() < 0.51 else "F"
            taken = tuple(child.given_names[0] for child in children)
            children.append(
                self.person(household_id, sex, origin, birth, name, history, is_child=True, avoid_names=taken)
            )
        return children

    def _one_adult_moves_out(self, members: list[TruePerson]) -> list[TruePerson]:
        adults = [i for i, m in enumerate(members) if not m.is_child]
        index = self.rng.choice(adults)
        leaver = members[index]
        moved = _random_day(self.rng, HISTORY_START + timedelta(days=365), self.today - timedelta(days=30))
        earlier = tuple(item for item in leaver.addresses if item[0] < moved)
        history = (*earlier, (moved, random_address(self.rng, self.tables)))
        members[index] = replace(leaver, addresses=history)
        return members
