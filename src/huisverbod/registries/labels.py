"""Dutch texts for the matcher's explanation codes (the core's English labels are used for
English). Keyed by code, so the explanation reads in the professional's language."""

from __future__ import annotations

from django.utils.translation import get_language

from huisverbod.core.matching.compare import LABELS
from huisverbod.core.matching.scorer import NOTE_LABELS

FIELDS_NL = {
    "bsn": "BSN",
    "surname": "achternaam",
    "given_names": "voornamen",
    "birth_date": "geboortedatum",
    "sex": "geslacht",
    "address": "adres",
}
FIELDS_EN = {
    "bsn": "BSN",
    "surname": "surname",
    "given_names": "given names",
    "birth_date": "date of birth",
    "sex": "sex",
    "address": "address",
}

LEVELS_NL = {
    ("bsn", "exact"): "zelfde BSN",
    ("bsn", "typo"): "BSN verschilt één cijfer of één verwisseling",
    ("bsn", "different"): "ander BSN",
    ("bsn", "missing"): "BSN ontbreekt aan één kant",
    ("surname", "exact"): "zelfde achternaam",
    ("surname", "same_core"): "zelfde achternaam, voorvoegsel of volgorde anders geschreven",
    ("surname", "double_part"): "deel van een dubbele achternaam",
    ("surname", "close"): "achternaam met tikfout of spellingsvariant",
    ("surname", "similar"): "lijkende achternaam",
    ("surname", "far"): "andere achternaam",
    ("surname", "missing"): "achternaam ontbreekt aan één kant",
    ("given_names", "exact"): "zelfde voornamen",
    ("given_names", "shared_name"): "een voornaam gemeen",
    ("given_names", "nickname"): "roepnaam of variant van een voornaam",
    ("given_names", "initials"): "voorletters passen bij de voornamen",
    ("given_names", "close"): "voornaam met een tikfout",
    ("given_names", "far"): "andere voornamen",
    ("given_names", "missing"): "voornamen ontbreken aan één kant",
    ("birth_date", "exact"): "zelfde geboortedatum",
    ("birth_date", "day_month_swap"): "dag en maand verwisseld",
    ("birth_date", "one_digit"): "geboortedatum één cijfer anders",
    ("birth_date", "same_year"): "alleen hetzelfde geboortejaar",
    ("birth_date", "far"): "andere geboortedatum",
    ("birth_date", "missing"): "geboortedatum ontbreekt aan één kant",
    ("sex", "exact"): "zelfde geslacht",
    ("sex", "different"): "ander geslacht",
    ("sex", "missing"): "geslacht onbekend aan één kant",
    ("address", "exact"): "zelfde postcode en huisnummer",
    ("address", "close"): "zelfde huisnummer, straat of postcode bijna gelijk",
    ("address", "postcode"): "zelfde postcode, ander huisnummer",
    ("address", "far"): "ander adres",
    ("address", "missing"): "adres ontbreekt aan één kant",
}
NOTES_NL = {
    "bsn_not_trusted": "zelfde BSN, maar geboortedatum en naam verschillen duidelijk: het BSN wordt niet vertrouwd",
    "given_names_differ": "voornamen verschillen duidelijk: een familielid (tweeling?) of een roepnaam om te bevestigen",
    "birth_date_differs": "geboortedatum verschilt duidelijk: een familielid met dezelfde naam?",
    "sex_differs": "ander geslacht en voornamen die alleen lijken: een broer of zus?",
    "same_registry_person": "een andere registratie van deze persoon in de registratie is een match",
    "matched_to_other_case_person": "deze registratie past beter bij een andere persoon in de zaak",
}
BANDS_NL = {"match": "match", "possible_match": "mogelijke match", "no_match": "geen match"}
BANDS_EN = {"match": "match", "possible_match": "possible match", "no_match": "no match"}


def _dutch() -> bool:
    return not (get_language() or "nl").startswith("en")


def field_label(field: str) -> str:
    return (FIELDS_NL if _dutch() else FIELDS_EN).get(field, field)


def level_label(field: str, level: str) -> str:
    if _dutch():
        return LEVELS_NL.get((field, level), level)
    return LABELS.get(field, {}).get(level, level)


def note_label(code: str) -> str:
    return NOTES_NL.get(code, code) if _dutch() else NOTE_LABELS.get(code, code)


def band_label(band: str) -> str:
    return (BANDS_NL if _dutch() else BANDS_EN).get(band, band)
