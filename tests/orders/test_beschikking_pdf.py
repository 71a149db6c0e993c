"""The written beschikking as a reader gets it: every mandatory element in the PDF's text (pdftotext).

Seed case 2: Dennis Bakker is ordered out of Merelstraat 7, Eindhoven, on 19 October 2021 at
21:40; the contact ban covers the mother and the three children. The mother's address is a
confidential shelter address, and both parents have a BSN: neither may ever be printed.
"""

from __future__ import annotations

import re

import pytest

from huisverbod.orders.documents import content_sha256, issue_document
from huisverbod.orders.models import Document
from tests.orders.factories import (
    CONFIDENTIAL_POSTCODE,
    CONFIDENTIAL_STREET,
    MAYOR,
    OFFICER,
    PERPETRATOR_BSN,
    VICTIM_BSN,
    Seed2,
    add_event,
    at,
    body_text,
    extend,
    flat,
    impose,
    pdf_text,
    seed2_order,
)

pytestmark = pytest.mark.django_db

PROTECTED = [
    ("Samira Bakker-El Idrissi", "3 september 1987"),
    ("Noah Bakker", "10 juni 2011"),
    ("Lina Bakker", "22 april 2013"),
    ("Sem Bakker", "30 augustus 2017"),
]
EXTENSION_REASON = (
    "De moeder is nog steeds erg bang; zij verblijft nu op Schuilhavenpad 99 in Veldhoven "
    f"(BSN {VICTIM_BSN}). De hulp aan vader is nog niet gestart en hij ontkent het geweld."
)
WITHDRAWAL_REASON = "Vader heeft de hulp aanvaard en woont elders; moeder en kinderen voelen zich veilig."


@pytest.fixture
def world(seed_cases, users) -> Seed2:
    return seed2_order(seed_cases, users, form="oral")


@pytest.fixture
def imposition(world) -> Document:
    return issue_document(world.order, impose(world), "imposition")


@pytest.fixture
def extension(world, imposition) -> Document:
    decided = at("2021-10-28 14:00")
    extend(world.order, at("2021-11-16 21:40"), decided)
    event = add_event(world.order, "extend", decided, world.officer, OFFICER, reason=EXTENSION_REASON)
    return issue_document(world.order, event, "extension")


@pytest.fixture
def withdrawal(world, imposition) -> Document:
    event = add_event(
        world.order, "withdraw", at("2021-10-25 11:30"), world.mayor, MAYOR, reason=WITHDRAWAL_REASON
    )
    return issue_document(world.order, event, "withdrawal")


def pages(document: Document) -> list[str]:
    return [page for page in pdf_text(document.pdf).split("\f") if page.strip()]


def test_the_imposition_states_every_mandatory_element(world, imposition):
    text = body_text(imposition.pdf)
    # letterhead, title, number, date and place, case reference, addressee (name and birth date)
    assert "Gemeente Eindhoven" in text
    assert "Beschikking tijdelijk huisverbod" in text
    assert "HV-2021-0001-O1" in text and "HV-2021-0001" in text and "seed-2" in text
    assert "Eindhoven, woensdag 20 oktober 2021" in text
    assert "Dennis Bakker" in text and "geboren op 17 februari 1985" in text
    # art. 2 lid 4 sub a: the place and the duration
    assert "Merelstraat 7, 5611 KL Eindhoven" in text
    assert "Duur 10 dagen" in text
    assert "Ingang dinsdag 19 oktober 2021, 21:40 uur" in text
    assert "Einde vrijdag 29 oktober 2021, 21:40 uur" in text
    # art. 2 lid 4 sub c: everyone in the contact ban, by name and date of birth
    for name, born in PROTECTED:
        assert re.search(rf"{name}\s+geboren op {born}", text), name
    # art. 1: the three parts of the order; keys, reachability (art. 2 lid 6), crime (art. 11)
    assert "de last om de woning onmiddellijk te verlaten" in text
    assert "het verbod om de woning te betreden, er te verblijven of er aanwezig te zijn" in text
    assert "het verbod om contact op te nemen of te hebben" in text
    assert "alle sleutels van de woning" in text
    assert "binnen 24 uur" in text and "woensdag 20 oktober 2021, 21:40 uur" in text
    assert "art. 11 Wth" in text and "ten hoogste twee jaar" in text
    # art. 2 lid 7: oral first, confirmed in writing
    assert "is u op dinsdag 19 oktober 2021, 21:40 uur mondeling aangezegd" in text
    assert "schriftelijk bevestigd (art. 2 lid 7 Wth)" in text
    # art. 3: the mandate statement of the hulpofficier van justitie
    assert (
        "Namens de burgemeester van Eindhoven, de hulpofficier van justitie Mark Verhoef, op grond van "
        "het Mandaatbesluit tijdelijk huisverbod gemeente Eindhoven (demo) (art. 3 Wth)"
    ) in text
    # the remedy
    assert "beroep instellen bij de Rechtbank Oost-Brabant, sector bestuursrecht" in text
    assert "voorlopige voorziening" in text and "binnen zes weken" in text
    assert "geen bezwaar" in text


def test_the_motivation_quotes_the_facts_the_danger_finding_and_the_red_signals_cite(world, imposition):
    reading = body_text(imposition.pdf, layout=False)
    assessed = {fact["id"]: fact for fact in world.assessment.casefile["facts"]}
    danger = next(c for c in world.assessment.result_nl["legal"]["criteria"] if c["id"] == "danger")
    assert {"f2", "f3", "f5", "f9"} <= set(danger["facts"])
    assert danger["reason"][:60] in reading  # the Dutch reason of the assessment
    for fact_id in [*danger["facts"], "f11"]:  # f11: cited by the red signal 'victim fear'
        fact = assessed[fact_id]
        assert f"{fact_id} " in reading and f"„{fact['text']}”" in reading, fact_id
    assert "f1 19 oktober 2021 Crisisdienst verklaring van Samira Bakker-El Idrissi Fysiek geweld:" in reading
    assert "f12" not in reading  # "open to help" is cited by neither
    for criterion in ("Meerderjarig (art. 2 lid 2 Wth)", "Kindermishandeling (ook getuige zijn van geweld)"):
        assert criterion in reading


def test_every_page_has_the_number_the_page_count_and_the_content_hash(imposition):
    found = pages(imposition)
    assert len(found) >= 2
    for index, page in enumerate(found, start=1):
        footer = flat(page)
        assert "HV-2021-0001-O1" in footer
        assert f"Pagina {index} van {len(found)}" in footer
        assert f"Controlewaarde (SHA-256 van de inhoud): {imposition.content_sha256}" in footer
    assert imposition.content_sha256 == content_sha256(imposition.content)


def test_the_extension_states_the_new_end_the_reason_and_the_four_weeks(world, extension):
    assert extension.number == "HV-2021-0001-V1"
    text = body_text(extension.pdf)
    assert "Beschikking verlenging tijdelijk huisverbod" in text
    assert "te verlengen tot dinsdag 16 november 2021, 21:40 uur" in text
    assert "Nieuw einde dinsdag 16 november 2021, 21:40 uur" in text
    assert "tot ten hoogste vier weken na het opleggen (art. 9 Wth)" in text
    assert "28 dagen" in text
    assert "Merelstraat 7, 5611 KL Eindhoven" in text  # art. 9 lid 1 applies art. 2 lid 4
    assert "hij ontkent het geweld" in text
    for name, _born in PROTECTED:
        assert name in text
    assert "De burgemeester van Eindhoven, namens deze, Joost Kramers" in text
    assert "mondeling aangezegd" not in text  # that sentence belongs to the imposition


def test_the_withdrawal_states_its_reason_and_moment(withdrawal):
    assert withdrawal.number == "HV-2021-0001-I1"
    text = body_text(withdrawal.pdf)
    assert "Beschikking intrekking tijdelijk huisverbod" in text
    assert WITHDRAWAL_REASON in text
    assert "in te trekken met ingang van maandag 25 oktober 2021, 11:30 uur" in text
    assert "De burgemeester van Eindhoven, Anna Wijffels" in text
    assert "voorlopige voorziening" in text
    assert re.search(r"Pagina 1 van \d", flat(pdf_text(withdrawal.pdf)))


def test_no_confidential_address_and_no_bsn_in_any_document(world, imposition, extension, withdrawal):
    for document in (imposition, extension, withdrawal):
        text = pdf_text(document.pdf)
        stored = str(document.content)
        for secret in (CONFIDENTIAL_STREET, CONFIDENTIAL_POSTCODE, "Veldhoven", "Logeerlaan", "5600 AA"):
            assert secret not in text and secret not in stored, (document.number, secret)
        for bsn in (VICTIM_BSN, PERPETRATOR_BSN):
            assert bsn not in re.sub(r"\D", "", text) and bsn not in stored, (document.number, bsn)
    extended = flat(pdf_text(extension.pdf, layout=False))
    assert "zij verblijft nu op [adres weggelaten] in [adres weggelaten] (BSN [BSN weggelaten])" in extended


def test_dutch_characters_survive_into_the_text(world):
    child = world.case.involvements.get(local_id="p4").person
    child.given_names = "Zoë"
    child.save()
    reason = "Vader sprak naïef over een ‘geintje’; hij eiste € 50 van moeder in het café."
    document = issue_document(world.order, impose(world, reason=reason), "imposition")
    text = flat(pdf_text(document.pdf, layout=False))
    assert "Zoë Bakker" in text
    assert reason in text
    assert "é" in text and "ï" in text and "ë" in text and "€" in text
