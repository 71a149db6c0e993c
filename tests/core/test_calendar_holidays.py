"""Dutch public holidays of the Algemene termijnenwet (Atw), art. 3."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from huisverbod.core.calendar.holidays import (
    ALGEMENE_TERMIJNENWET,
    ALGEMENE_TERMIJNENWET_HOLIDAYS,
    CalendarRangeError,
    EquatedDay,
    HolidayCalendar,
    easter_sunday,
)

# Easter Sunday as published (church calendars), including the computus's edge cases: the
# earliest (22 March) and latest (25 April) dates and the two "special" corrections (1954, 1981).
KNOWN_EASTER_SUNDAYS = [
    date(1818, 3, 22),
    date(1943, 4, 25),
    date(1954, 4, 18),
    date(1981, 4, 19),
    date(2008, 3, 23),
    date(2009, 4, 12),
    date(2010, 4, 4),
    date(2011, 4, 24),
    date(2012, 4, 8),
    date(2013, 3, 31),
    date(2014, 4, 20),
    date(2015, 4, 5),
    date(2016, 3, 27),
    date(2017, 4, 16),
    date(2018, 4, 1),
    date(2019, 4, 21),
    date(2020, 4, 12),
    date(2021, 4, 4),
    date(2022, 4, 17),
    date(2023, 4, 9),
    date(2024, 3, 31),
    date(2025, 4, 20),
    date(2026, 4, 5),
    date(2027, 3, 28),
    date(2038, 4, 25),
    date(2049, 4, 18),
    date(2076, 4, 19),
    date(2285, 3, 22),
]


@pytest.mark.parametrize("expected", KNOWN_EASTER_SUNDAYS, ids=lambda d: str(d.year))
def test_easter_sunday_by_the_gregorian_computus(expected: date) -> None:
    assert easter_sunday(expected.year) == expected


def test_the_computus_refuses_years_before_the_gregorian_calendar() -> None:
    with pytest.raises(CalendarRangeError):
        easter_sunday(1582)


# (day, holiday key, why): every row a day the Atw treats as an algemeen erkende feestdag.
HOLIDAYS = [
    (date(2022, 1, 1), "nieuwjaarsdag", "art. 3 lid 1 Atw: Nieuwjaarsdag"),
    (date(2024, 3, 29), "goede_vrijdag", "art. 3 lid 2 Atw equates Goede Vrijdag"),
    (date(2024, 4, 1), "tweede_paasdag", "art. 3 lid 1 Atw: Christelijke tweede Paasdag"),
    (date(2012, 4, 30), "koninginnedag", "before 2014: Koninginnedag 30 April"),
    (date(2013, 4, 30), "koninginnedag", "the last Koninginnedag, the day of the inauguration"),
    (date(2014, 4, 26), "koningsdag", "27 April 2014 was a Sunday: Koningsdag on Saturday the 26th"),
    (date(2024, 4, 27), "koningsdag", "Koningsdag 27 April (a Saturday in 2024: not moved)"),
    (date(2025, 4, 26), "koningsdag", "27 April 2025 is a Sunday: Koningsdag on Saturday the 26th"),
    (date(2023, 5, 5), "bevrijdingsdag", "art. 3 lid 1 Atw: de vijfde mei, every year"),
    (date(2024, 5, 9), "hemelvaartsdag", "Hemelvaartsdag: 39 days after Easter"),
    (date(2024, 5, 20), "tweede_pinksterdag", "Tweede Pinksterdag: 50 days after Easter"),
    (date(2021, 12, 25), "eerste_kerstdag", "art. 3 lid 1 Atw: beide Kerstdagen"),
    (date(2021, 12, 26), "tweede_kerstdag", "art. 3 lid 1 Atw: beide Kerstdagen"),
    (date(2016, 5, 5), "bevrijdingsdag+hemelvaartsdag", "Easter 27 March 2016: Ascension on 5 May"),
]


@pytest.mark.parametrize(("day", "key", "why"), HOLIDAYS, ids=[row[2] for row in HOLIDAYS])
def test_algemeen_erkende_feestdagen(day: date, key: str, why: str) -> None:
    holiday = ALGEMENE_TERMIJNENWET.holiday_on(day)
    assert holiday is not None, why
    assert holiday.key == key
    assert "Algemene termijnenwet" in holiday.legal_basis


NOT_HOLIDAYS = [
    (date(2014, 4, 27), "Koningsdag moved to the 26th"),
    (date(2025, 4, 27), "Koningsdag moved to the 26th"),
    (date(2014, 4, 30), "Koninginnedag no longer exists from 2014"),
    (date(2013, 4, 27), "Koningsdag starts in 2014"),
    (date(2024, 3, 31), "Eerste Paasdag is not in art. 3 Atw (it is a Sunday anyway)"),
    (date(2024, 5, 10), "the Friday after Ascension is not a holiday unless a decree equates it"),
    (date(2024, 12, 31), "Oudejaarsdag is not a holiday"),
    (date(2024, 5, 4), "Dodenherdenking is not a holiday"),
]


@pytest.mark.parametrize(("day", "why"), NOT_HOLIDAYS, ids=[row[1] for row in NOT_HOLIDAYS])
def test_days_that_are_not_holidays(day: date, why: str) -> None:
    assert ALGEMENE_TERMIJNENWET.holiday_on(day) is None, why


def test_every_year_has_nine_holiday_days() -> None:
    # Nine days a year: eight in art. 3 lid 1 Atw (the royal day is one of them) plus Goede
    # Vrijdag (lid 2). Eight when Ascension falls on 5 May, as in 2016 and 2027.
    for year in range(2009, 2041):
        ascension_on_5_may = easter_sunday(year) + timedelta(days=39) == date(year, 5, 5)
        assert len(ALGEMENE_TERMIJNENWET.holidays_in(year)) == (8 if ascension_on_5_may else 9), year


def test_the_table_names_its_legal_source_on_every_row() -> None:
    assert {rule.key for rule in ALGEMENE_TERMIJNENWET_HOLIDAYS} >= {
        "nieuwjaarsdag",
        "goede_vrijdag",
        "tweede_paasdag",
        "koningsdag",
        "bevrijdingsdag",
        "hemelvaartsdag",
        "tweede_pinksterdag",
        "eerste_kerstdag",
        "tweede_kerstdag",
    }
    for rule in ALGEMENE_TERMIJNENWET_HOLIDAYS:
        assert rule.legal_basis.startswith("art. 3 lid"), rule.key


def test_a_day_equated_by_decree_counts_as_a_holiday() -> None:
    calendar = HolidayCalendar(
        rules=ALGEMENE_TERMIJNENWET_HOLIDAYS,
        equated_days=(EquatedDay(date(2024, 5, 10), "example decree"),),
    )
    holiday = calendar.holiday_on(date(2024, 5, 10))
    assert holiday is not None
    assert holiday.legal_basis == "art. 3 lid 3 Algemene termijnenwet; example decree"
    assert ALGEMENE_TERMIJNENWET.holiday_on(date(2024, 5, 10)) is None


def test_years_before_the_wth_are_not_covered() -> None:
    with pytest.raises(CalendarRangeError, match="2008 is not covered"):
        ALGEMENE_TERMIJNENWET.holiday_on(date(2008, 12, 25))
