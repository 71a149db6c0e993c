"""Rendering a true person as one source writes them down, with that source's noise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from random import Random

from huisverbod.core.synth.bsn import mistyped_bsn
from huisverbod.core.synth.noise import (
    drop_diacritics,
    has_diacritics,
    postcode_typo,
    swap_day_month,
    typo_in_text,
    wrong_day_digit,
    wrong_year_digit,
)
from huisverbod.core.synth.population import TruePerson
from huisverbod.core.synth.profile import RegistryNoise
from huisverbod.core.synth.tables import weighted_choice


@dataclass(frozen=True, slots=True)
class Rendered:
    given_names: str
    prefix: str
    surname: str
    surname_full: str
    birth_date: date | None
    sex: str | None
    bsn: str | None
    street: str | None
    house_number: str | None
    postcode: str | None
    city: str | None
    noise: tuple[str, ...]


def joined(prefix: str, surname: str) -> str:
    return f"{prefix} {surname}".strip()


def _initials(names: Sequence[str]) -> str:
    return "".join(f"{name[0]}." for name in names)


def _given_names(person: TruePerson, form: str) -> str:
    if form == "full":
        return " ".join(person.given_names)
    if form == "first":
        return person.given_names[0]
    if form == "call":
        return person.call_name
    return _initials(person.given_names)


def _surname_choice(person: TruePerson, form: str) -> tuple[str, str]:
    """(prefix, surname) for a double-surname form; the prefix is the leading part's."""
    own, partner = (person.prefix, person.surname), (person.partner_prefix, person.partner_surname)
    if form == "partner_own":
        return partner[0], f"{partner[1]}-{joined(*own)}"
    if form == "partner":
        return partner
    if form == "own_partner":
        return own[0], f"{own[1]}-{joined(*partner)}"
    return own


def _prefix_form(prefix: str, surname: str, form: str) -> tuple[str, str]:
    if not prefix:
        return prefix, surname
    if form == "capitalised":
        return prefix[:1].upper() + prefix[1:], surname
    if form == "attached":
        glued = prefix.replace(" ", "").replace("'", "")
        return "", glued[:1].upper() + glued[1:] + surname[:1].lower() + surname[1:]
    if form == "dropped":
        return "", surname
    if form == "joined":
        return "", joined(prefix, surname)
    return prefix, surname


class Renderer:
    def __init__(self, noise: RegistryNoise, rng: Random) -> None:
        self.noise = noise
        self.rng = rng
        self.tags: list[str] = []

    def _chance(self, rate: float, tag: str) -> bool:
        if rate > 0 and self.rng.random() < rate:
            self.tags.append(tag)
            return True
        return False

    def _typo(self, text: str, rate: float, tag: str) -> str:
        if rate <= 0 or self.rng.random() >= rate:
            return text
        for _ in range(3):
            changed, kind = typo_in_text(text, self.rng)
            if kind != "none":
                self.tags.append(tag)
                return changed
        return text

    def names(self, person: TruePerson) -> tuple[str, str, str]:
        noise, rng = self.noise, self.rng
        form = weighted_choice(rng, noise.given_forms)
        self.tags.append(f"given_{form}")
        given = self._typo(
            _given_names(person, form), noise.given_typo if form != "initials" else 0, "given_typo"
        )
        double_form = "own"
        if person.partner_surname:
            double_form = weighted_choice(rng, noise.double_surname_forms)
            self.tags.append(f"double_{double_form}")
        prefix, surname = _surname_choice(person, double_form)
        if prefix:
            prefix_form = weighted_choice(rng, noise.prefix_forms)
            self.tags.append(f"prefix_{prefix_form}")
            prefix, surname = _prefix_form(prefix, surname, prefix_form)
        surname = self._typo(surname, noise.surname_typo, "surname_typo")
        if has_diacritics(given + surname) and self._chance(noise.diacritics_dropped, "diacritics_dropped"):
            given, surname = drop_diacritics(given), drop_diacritics(surname)
        return given, prefix, surname

    def birth_date(self, person: TruePerson) -> date | None:
        noise, born = self.noise, person.birth_date
        if self._chance(noise.birth_date_missing, "birth_date_missing"):
            return None
        swapped = swap_day_month(born)
        if swapped and self._chance(noise.birth_date_swap, "birth_date_swap"):
            return swapped
        if self._chance(noise.birth_date_year_digit, "birth_date_year_digit"):
            return wrong_year_digit(born, self.rng)
        if self._chance(noise.birth_date_day_digit, "birth_date_day_digit"):
            return wrong_day_digit(born, self.rng)
        return born

    def sex(self, person: TruePerson) -> str | None:
        if self._chance(self.noise.sex_missing, "sex_missing"):
            return None
        if self._chance(self.noise.sex_wrong, "sex_wrong"):
            return "F" if person.sex == "M" else "M"
        return person.sex

    def bsn(self, person: TruePerson, family: Sequence[TruePerson]) -> str | None:
        noise = self.noise
        if self._chance(noise.bsn_missing, "bsn_missing"):
            return None
        others = [member for member in family if member.truth_id != person.truth_id]
        if others and self._chance(noise.bsn_wrong_family, "bsn_wrong_family"):
            return self.rng.choice(others).bsn
        if self._chance(noise.bsn_wrong_typo, "bsn_wrong_typo"):
            return mistyped_bsn(person.bsn, self.rng)
        return person.bsn

    def address(self, person: TruePerson, on: date) -> tuple[str | None, str | None, str | None, str | None]:
        if self._chance(self.noise.address_missing, "address_missing"):
            return None, None, None, None
        address = person.address_on(on)
        if address != person.addresses[-1][1]:
            self.tags.append("old_address")
        postcode = address.postcode
        if self._chance(self.noise.postcode_typo, "postcode_typo"):
            postcode = postcode_typo(postcode, self.rng)
        number: str | None = address.house_number
        if self._chance(self.noise.house_number_missing, "house_number_missing"):
            number = None
        return address.street, number, postcode, address.city


def render(
    person: TruePerson,
    family: Sequence[TruePerson],
    on: date,
    noise: RegistryNoise,
    rng: Random,
    *,
    with_bsn: bool = True,
) -> Rendered:
    """How a source writes ``person`` down on day ``on`` (the address is the one of that day)."""
    renderer = Renderer(noise, rng)
    given, prefix, surname = renderer.names(person)
    birth = renderer.birth_date(person)
    sex = renderer.sex(person)
    bsn = renderer.bsn(person, family) if with_bsn else None
    street, number, postcode, city = renderer.address(person, on)
    return Rendered(
        given_names=given,
        prefix=prefix,
        surname=surname,
        surname_full=joined(prefix, surname),
        birth_date=birth,
        sex=sex,
        bsn=bsn,
        street=street,
        house_number=number,
        postcode=postcode,
        city=city,
        noise=tuple(renderer.tags),
    )
