"""Dutch public holidays as the law counts them: the Algemene termijnenwet (Atw, BWBR0002448).

Art. 3 lid 1 Atw names the "algemeen erkende feestdagen": Nieuwjaarsdag, the Christian second
Easter and Whit days (Tweede Paasdag, Tweede Pinksterdag), both Christmas days, Hemelvaartsdag,
the day the King's birthday is celebrated, and 5 May. Art. 3 lid 2 Atw equates Goede Vrijdag
with them "voor de toepassing van deze wet". Eerste Paasdag and Eerste Pinksterdag are Sundays,
so they need no row. Art. 3 lid 3 Atw lets the Crown equate further days by decree (typically
the Friday after Ascension Day); those decrees are not in the default table (see
``HolidayCalendar.equated_days`` and docs/deadlines.md).

The set is a data table (``ALGEMENE_TERMIJNENWET_HOLIDAYS``): each row names its day, its legal
source and the years it applies. A change in the law is a changed row, not new code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

SUNDAY = 6  # date.weekday()

# The Wet tijdelijk huisverbod took effect on 1 January 2009; the table is checked from then on.
FIRST_COVERED_YEAR = 2009

ATW_ART_3_LID_1 = "art. 3 lid 1 Algemene termijnenwet"
ATW_ART_3_LID_2 = "art. 3 lid 2 Algemene termijnenwet"
# "de dag waarop de verjaardag van de Koning wordt gevierd" is fixed by royal decree.
KONINGINNEDAG_DECREE = (
    "KB 24 april 1980, nr. 11 (Koninginnedag 30 april; zaterdag 29 april als dat een zondag is)"
)
KONINGSDAG_DECREE = (
    "KB 30 januari 2013, nr. 13.000173, Stcrt. 2013, 4075 (Koningsdag 27 april vanaf 2014, "
    "behoudens zondagen: dan zaterdag 26 april)"
)


class CalendarRangeError(ValueError):
    """A day outside the years the holiday table covers."""


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian computus, Meeus/Jones/Butcher).

    Valid for every Gregorian year (1583 on). Western churches and the Dutch holidays use it.
    """
    if year < 1583:
        raise CalendarRangeError(f"the Gregorian computus starts in 1583, not {year}")
    golden = year % 19  # position in the 19-year Metonic cycle
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    sun_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - sun_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    special = (golden + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * special + 114, 31)
    return date(year, month, day + 1)


@dataclass(frozen=True)
class FixedDate:
    """The same month and day every year; ``if_sunday`` days added when it falls on a Sunday."""

    month: int
    day: int
    if_sunday: int = 0

    def in_year(self, year: int) -> date:
        day = date(year, self.month, self.day)
        if day.weekday() == SUNDAY:
            day += timedelta(days=self.if_sunday)
        return day


@dataclass(frozen=True)
class EasterOffset:
    """A number of days after (negative: before) Easter Sunday."""

    days: int

    def in_year(self, year: int) -> date:
        return easter_sunday(year) + timedelta(days=self.days)


@dataclass(frozen=True)
class HolidayRule:
    """One row of the holiday table."""

    key: str  # stable id, e.g. "tweede_paasdag"
    name: str  # the Dutch name, as the law and the users say it
    date_rule: FixedDate | EasterOffset
    legal_basis: str
    first_year: int = FIRST_COVERED_YEAR
    last_year: int | None = None  # inclusive; None: until the law changes

    def applies_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@dataclass(frozen=True)
class Holiday:
    day: date
    key: str
    name: str
    legal_basis: str


ALGEMENE_TERMIJNENWET_HOLIDAYS: tuple[HolidayRule, ...] = (
    HolidayRule("nieuwjaarsdag", "Nieuwjaarsdag", FixedDate(1, 1), ATW_ART_3_LID_1),
    HolidayRule("goede_vrijdag", "Goede Vrijdag", EasterOffset(-2), ATW_ART_3_LID_2),
    HolidayRule("tweede_paasdag", "Tweede Paasdag", EasterOffset(1), ATW_ART_3_LID_1),
    HolidayRule(
        "koninginnedag",
        "Koninginnedag",
        FixedDate(4, 30, if_sunday=-1),
        f"{ATW_ART_3_LID_1}; {KONINGINNEDAG_DECREE}",
        last_year=2013,
    ),
    HolidayRule(
        "koningsdag",
        "Koningsdag",
        FixedDate(4, 27, if_sunday=-1),
        f"{ATW_ART_3_LID_1}; {KONINGSDAG_DECREE}",
        first_year=2014,
    ),
    HolidayRule("bevrijdingsdag", "Bevrijdingsdag", FixedDate(5, 5), f"{ATW_ART_3_LID_1} (de vijfde mei)"),
    HolidayRule("hemelvaartsdag", "Hemelvaartsdag", EasterOffset(39), ATW_ART_3_LID_1),
    HolidayRule("tweede_pinksterdag", "Tweede Pinksterdag", EasterOffset(50), ATW_ART_3_LID_1),
    HolidayRule("eerste_kerstdag", "Eerste Kerstdag", FixedDate(12, 25), ATW_ART_3_LID_1),
    HolidayRule("tweede_kerstdag", "Tweede Kerstdag", FixedDate(12, 26), ATW_ART_3_LID_1),
)


@dataclass(frozen=True)
class EquatedDay:
    """A day the Crown equated with the algemeen erkende feestdagen (art. 3 lid 3 Atw)."""

    day: date
    decree: str  # the decree and its Staatscourant publication


@dataclass(frozen=True)
class HolidayCalendar:
    """A holiday table plus the days equated with holidays by decree (art. 3 lid 3 Atw)."""

    rules: tuple[HolidayRule, ...]
    equated_days: tuple[EquatedDay, ...] = ()
    first_year: int = FIRST_COVERED_YEAR

    def holidays_in(self, year: int) -> Mapping[date, Holiday]:
        if year < self.first_year:
            raise CalendarRangeError(
                f"the holiday table covers {self.first_year} onwards (the Wth took effect on "
                f"1 January 2009); {year} is not covered"
            )
        return _holidays_in(self, year)

    def holiday_on(self, day: date) -> Holiday | None:
        return self.holidays_in(day.year).get(day)

    def is_holiday(self, day: date) -> bool:
        return self.holiday_on(day) is not None


@cache
def _holidays_in(calendar: HolidayCalendar, year: int) -> Mapping[date, Holiday]:
    found: dict[date, Holiday] = {}
    for rule in calendar.rules:
        if rule.applies_in(year):
            day = rule.date_rule.in_year(year)
            found[day] = _merge(found.get(day), Holiday(day, rule.key, rule.name, rule.legal_basis))
    for equated in calendar.equated_days:
        if equated.day.year == year and equated.day not in found:
            basis = f"art. 3 lid 3 Algemene termijnenwet; {equated.decree}"
            found[equated.day] = Holiday(equated.day, "gelijkgestelde_dag", "Gelijkgestelde dag", basis)
    return MappingProxyType(found)


def _merge(earlier: Holiday | None, holiday: Holiday) -> Holiday:
    """Two feasts on one day (Bevrijdingsdag and Hemelvaartsdag on 5 May 2016) keep both names."""
    if earlier is None:
        return holiday
    return Holiday(
        holiday.day,
        f"{earlier.key}+{holiday.key}",
        f"{earlier.name} en {holiday.name}",
        earlier.legal_basis
        if earlier.legal_basis == holiday.legal_basis
        else f"{earlier.legal_basis}; {holiday.legal_basis}",
    )


ALGEMENE_TERMIJNENWET = HolidayCalendar(rules=ALGEMENE_TERMIJNENWET_HOLIDAYS)
