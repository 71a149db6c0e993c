"""The noise profile: every kind of noise the generator makes, and how often.

``STANDARD`` is the "standard noise profile" that ``docs/synth.md`` documents rate by rate and
the benchmark uses. Vary it with ``dataclasses.replace``; give a varied profile its own ``id``
so that results name the profile they were measured on.
"""

from __future__ import annotations

from dataclasses import dataclass

Options = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class PopulationProfile:
    """Who exists: households, families, moves. Rates per household or per person."""

    origins: Options = (("nl", 0.82), ("ma", 0.06), ("tr", 0.06), ("sr", 0.06))
    tail_surname: float = 0.45  # a Dutch surname from the composed long tail, not the head list
    household_kinds: Options = (
        ("couple_children", 0.35),
        ("couple", 0.20),
        ("single_parent", 0.20),
        ("single", 0.15),
        ("adult_siblings", 0.10),
    )
    same_sex_couple: float = 0.03
    double_surname_use: float = 0.6  # a woman living with a partner may use "Partner-Own"
    child_mother_surname: float = 0.10  # a child carries the mother's surname
    twins: float = 0.03  # of households with children: two children born the same day
    given_name_count: Options = (("1", 0.40), ("2", 0.45), ("3", 0.15))
    call_name_differs: float = 0.65  # formal name that has call names: the call name is one
    household_moved: float = 0.30  # the household lived elsewhere before a move date
    adult_moved_out: float = 0.12  # one adult left the household (separation) at a date
    registry_kinds: Options = (("both", 0.30), ("police", 0.35), ("veilig_thuis", 0.20), ("none", 0.15))


@dataclass(frozen=True)
class RegistryNoise:
    """How one source writes a person down. Each rate is per record (per query for ``case``)."""

    bsn_missing: float
    bsn_wrong_typo: float  # another valid BSN, two digits off (a double typo that passes the 11-proof)
    bsn_wrong_family: float  # a family member's BSN
    given_forms: Options  # full (all formal names), first (first formal), call (call name), initials
    prefix_forms: Options  # detached ("van den"), capitalised ("Van den"), attached, dropped, joined
    double_surname_forms: Options  # own, partner_own ("Vermeulen-Bos"), partner, own_partner
    surname_typo: float
    given_typo: float
    diacritics_dropped: float  # of names with diacritics ("Çelik" -> "Celik")
    birth_date_missing: float
    birth_date_swap: float  # day and month swapped (only where the day is 12 or less)
    birth_date_year_digit: float  # one digit of the year wrong
    birth_date_day_digit: float  # one digit of the day or month wrong
    sex_missing: float
    sex_wrong: float
    address_missing: float
    postcode_typo: float
    house_number_missing: float
    registry_person_duplicate: float = 0.0  # the record sits under a second registry person id
    extra_record: float = 0.0  # chance of one more record for the person (repeated), geometric
    adult_included: float = 0.9  # an adult of a household in the registry has records
    child_included: float = 0.2  # a child of such a household has records


@dataclass(frozen=True)
class NoiseProfile:
    id: str
    population: PopulationProfile
    police: RegistryNoise
    veilig_thuis: RegistryNoise
    case: RegistryNoise  # how a professional types a case person (the benchmark's queries)
    case_bsn_known: float = 0.25  # a case person comes with a (correct) BSN


_TYPO_KINDS: Options = (
    ("insert", 0.15),
    ("delete", 0.2),
    ("substitute", 0.2),
    ("transpose", 0.15),
    ("ocr", 0.1),
    ("phonetic", 0.2),
)
TYPO_KINDS = _TYPO_KINDS

STANDARD = NoiseProfile(
    id="standard-1",
    population=PopulationProfile(),
    police=RegistryNoise(
        bsn_missing=0.08,
        bsn_wrong_typo=0.005,
        bsn_wrong_family=0.005,
        given_forms=(("full", 0.55), ("first", 0.15), ("call", 0.20), ("initials", 0.10)),
        prefix_forms=(
            ("detached", 0.75),
            ("capitalised", 0.08),
            ("attached", 0.05),
            ("dropped", 0.04),
            ("joined", 0.08),
        ),
        double_surname_forms=(("own", 0.55), ("partner_own", 0.35), ("partner", 0.05), ("own_partner", 0.05)),
        surname_typo=0.04,
        given_typo=0.03,
        diacritics_dropped=0.5,
        birth_date_missing=0.005,
        birth_date_swap=0.01,
        birth_date_year_digit=0.005,
        birth_date_day_digit=0.005,
        sex_missing=0.01,
        sex_wrong=0.002,
        address_missing=0.02,
        postcode_typo=0.01,
        house_number_missing=0.01,
        registry_person_duplicate=0.02,
        extra_record=0.4,
        adult_included=0.9,
        child_included=0.15,
    ),
    veilig_thuis=RegistryNoise(
        bsn_missing=0.50,
        bsn_wrong_typo=0.01,
        bsn_wrong_family=0.01,
        given_forms=(("full", 0.20), ("first", 0.25), ("call", 0.45), ("initials", 0.10)),
        prefix_forms=(
            ("detached", 0.55),
            ("capitalised", 0.15),
            ("attached", 0.10),
            ("dropped", 0.08),
            ("joined", 0.12),
        ),
        double_surname_forms=(("own", 0.30), ("partner_own", 0.45), ("partner", 0.15), ("own_partner", 0.10)),
        surname_typo=0.08,
        given_typo=0.06,
        diacritics_dropped=0.6,
        birth_date_missing=0.04,
        birth_date_swap=0.02,
        birth_date_year_digit=0.01,
        birth_date_day_digit=0.01,
        sex_missing=0.05,
        sex_wrong=0.005,
        address_missing=0.08,
        postcode_typo=0.02,
        house_number_missing=0.02,
        registry_person_duplicate=0.03,
        extra_record=0.35,
        adult_included=0.85,
        child_included=0.55,
    ),
    case=RegistryNoise(
        bsn_missing=0.0,
        bsn_wrong_typo=0.0,
        bsn_wrong_family=0.0,
        given_forms=(("full", 0.15), ("first", 0.25), ("call", 0.60), ("initials", 0.0)),
        prefix_forms=(("detached", 0.2), ("capitalised", 0.1), ("joined", 0.7)),
        double_surname_forms=(("own", 0.40), ("partner_own", 0.50), ("partner", 0.10)),
        surname_typo=0.02,
        given_typo=0.02,
        diacritics_dropped=0.3,
        birth_date_missing=0.0,
        birth_date_swap=0.005,
        birth_date_year_digit=0.0,
        birth_date_day_digit=0.005,
        sex_missing=0.05,
        sex_wrong=0.0,
        address_missing=0.10,
        postcode_typo=0.0,
        house_number_missing=0.0,
    ),
)

PROFILES = {STANDARD.id: STANDARD}
