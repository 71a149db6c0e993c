"""The beschikking API the lead calls: numbers, content, hashes, determinism, immutability, refusals."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

import huisverbod
from huisverbod.orders.documents import (
    TEMPLATE_VERSION,
    DocumentError,
    beschikking_content,
    content_sha256,
    document_number,
    issue_document,
    regenerate_pdf,
    render_pdf,
)
from huisverbod.orders.documents_content import dutch_moment
from huisverbod.orders.models import Document, ImmutableRecordError
from tests.orders.factories import (
    HOVJ,
    OFFICER,
    Seed2,
    add_event,
    at,
    body_text,
    extend,
    impose,
    seed2_order,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(seed_cases, users) -> Seed2:
    return seed2_order(seed_cases, users, form="written")


def test_dutch_dates_are_amsterdam_clock_time():
    assert dutch_moment(at("2021-11-06 23:40")) == "zaterdag 6 november 2021, 23:40 uur"
    assert dutch_moment(at("2021-11-06 23:40").astimezone(tz=None)) == "zaterdag 6 november 2021, 23:40 uur"


def test_document_numbers_count_per_kind(world):
    order = world.order
    assert document_number(order, "imposition") == "HV-2021-0001-O1"
    assert document_number(order, "extension") == "HV-2021-0001-V1"
    assert document_number(order, "withdrawal") == "HV-2021-0001-I1"
    first = issue_document(order, impose(world), "imposition")
    assert first.number == "HV-2021-0001-O1"
    assert document_number(order, "imposition") == "HV-2021-0001-O2"
    assert document_number(order, "extension") == "HV-2021-0001-V1"
    with pytest.raises(DocumentError):
        document_number(order, "summons")


def test_issue_stores_the_pdf_with_both_hashes_and_regenerates_it_byte_for_byte(world):
    document = issue_document(world.order, impose(world), "imposition")
    stored = Document.objects.get(pk=document.pk)  # as read back from the database
    pdf = bytes(stored.pdf)
    assert pdf.startswith(b"%PDF-")
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert stored.content_sha256 == content_sha256(stored.content)
    assert stored.template_version == TEMPLATE_VERSION == stored.content["template_version"]
    assert stored.issued_at == world.order.imposed_at  # defaults to the decision's moment
    assert (stored.kind, stored.event_id, stored.order_id) == (
        "imposition",
        document.event_id,
        world.order.pk,
    )
    assert regenerate_pdf(stored) == pdf
    assert render_pdf(stored.content) == render_pdf(json.loads(json.dumps(stored.content))) == pdf


def test_the_same_content_renders_identical_bytes_in_a_fresh_process(world):
    """No time, random id or hash seed gets into the bytes: another interpreter gives the same PDF."""
    content = beschikking_content(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    pdf = render_pdf(content)
    assert render_pdf(content) == pdf
    script = (
        "import django, hashlib, json, sys; django.setup(); "
        "from huisverbod.orders.documents import render_pdf; "
        "print(hashlib.sha256(render_pdf(json.load(sys.stdin))).hexdigest())"
    )
    source = str(Path(huisverbod.__file__).parents[1])  # this tree's code, not an installed copy
    other = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(content).encode(),
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": source},
    )
    assert other.stdout.decode().strip() == hashlib.sha256(pdf).hexdigest()


def test_the_content_hash_changes_with_what_the_document_says(world):
    content = beschikking_content(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    reordered = json.loads(json.dumps(content, sort_keys=True))
    assert content_sha256(reordered) == content_sha256(content)
    changed = {**content, "dwelling": {**content["dwelling"], "house_number": "9"}}
    assert content_sha256(changed) != content_sha256(content)


def test_pdf_metadata_is_fixed_by_the_content(world):
    document = issue_document(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    info = subprocess.run(
        ["pdfinfo", "-rawdates", "-"], input=bytes(document.pdf), capture_output=True, check=True
    ).stdout.decode()
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    assert fields["Producer"] == "huisverbod beschikking (WeasyPrint)"
    assert fields["Creator"] == f"huisverbod beschikking {TEMPLATE_VERSION}"
    assert fields["CreationDate"] == fields["ModDate"] == "D:20211019220500+02'00"  # issued_at
    assert fields["Title"] == "Beschikking tijdelijk huisverbod HV-2021-0001-O1"
    assert fields["Page size"].startswith("595.276 x 841.89")  # A4
    assert fields["Tagged"] == "yes"
    fonts = subprocess.run(
        ["pdffonts", "-"], input=bytes(document.pdf), capture_output=True, check=True
    ).stdout.decode()
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert embedded and all("+DejaVu-Sans" in name for name in embedded)  # subset (XXXXXX+) and embedded
    assert all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts.splitlines()[2:])


def test_a_document_is_a_record(world):
    document = issue_document(world.order, impose(world), "imposition")
    document.number = "HV-2021-0001-O9"
    with pytest.raises(ImmutableRecordError):
        document.save()
    with pytest.raises(ImmutableRecordError):
        document.delete()
    assert Document.objects.get(pk=document.pk).number == "HV-2021-0001-O1"


def test_issue_runs_in_the_callers_transaction(world):
    event = impose(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_document(world.order, event, "imposition")
        assert Document.objects.filter(order=world.order).count() == 1
        raise RuntimeError("the decision is rolled back")
    assert not Document.objects.filter(order=world.order).exists()


def test_the_written_imposition_by_the_mayor_has_no_mandate_and_no_oral_sentence(world):
    document = issue_document(world.order, impose(world, role="mayor"), "imposition")
    text = body_text(document.pdf)
    assert "De burgemeester van Eindhoven, Anna Wijffels" in text
    assert "hulpofficier van justitie" not in text
    assert "mondeling aangezegd" not in text
    assert document.content["oral"] is None and document.content["signatory"]["role"] == "mayor"


def test_refusals(world):
    order = world.order
    with pytest.raises(DocumentError, match=r"art\. 3 Wth"):  # extending cannot be mandated
        extend(order, at("2021-11-16 21:40"), at("2021-10-28 14:00"))
        issue_document(
            order,
            add_event(order, "extend", at("2021-10-28 14:00"), world.hovj, HOVJ, reason="x"),
            "extension",
        )
    with pytest.raises(DocumentError, match="reason"):
        issue_document(
            order, add_event(order, "extend", at("2021-10-28 14:05"), world.officer, OFFICER), "extension"
        )
    with pytest.raises(DocumentError, match="does not record"):
        issue_document(order, impose(world), "withdrawal")
    extend(order, at("2021-11-17 21:40"), at("2021-10-28 14:00"))  # a day past four weeks
    event = add_event(
        order, "extend", at("2021-10-28 14:10"), world.officer, OFFICER, reason="Dreiging duurt."
    )
    with pytest.raises(DocumentError, match="four weeks"):
        issue_document(order, event, "extension")
    assert not Document.objects.filter(order=order).exists()


def test_an_imposition_needs_its_assessment(world):
    type(world.order).objects.filter(pk=world.order.pk).update(assessment=None)
    world.order.refresh_from_db()
    with pytest.raises(DocumentError, match="assessment"):
        issue_document(world.order, impose(world), "imposition")


def test_a_municipality_words_its_own_remedy_block(world, tmp_path, settings):
    block = tmp_path / "orders" / "beschikking" / "remedy-gemeente-eindhoven.txt"
    block.parent.mkdir(parents=True)
    block.write_text(
        "Beroep: binnen {{ appeal_weeks }} weken bij de {{ court }}.\n\n"
        "Spoed: de voorzieningenrechter van de {{ court_name }}, voorlopige voorziening.\n",
        encoding="utf-8",
    )
    engines = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with override_settings(TEMPLATES=engines):
        content = beschikking_content(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    assert content["remedy"]["paragraphs"] == [
        "Beroep: binnen zes weken bij de Rechtbank Oost-Brabant, sector bestuursrecht.",
        "Spoed: de voorzieningenrechter van de Rechtbank Oost-Brabant, voorlopige voorziening.",
    ]
    default = beschikking_content(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    assert default["remedy"]["template"] == "orders/beschikking/remedy.txt"


def test_the_content_is_plain_json_without_personal_addresses_or_bsn(world):
    content = beschikking_content(world.order, impose(world), "imposition", at("2021-10-19 22:05"))
    assert json.loads(json.dumps(content)) == content

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    assert "bsn" not in set(keys(content))
    assert "street" not in set(keys(content["addressee"])) | {k for p in content["protected"] for k in p}
    assert content["dwelling"]["line"] == "Merelstraat 7, 5611 KL Eindhoven"
    assert [p["name"] for p in content["protected"]] == [
        "Samira Bakker-El Idrissi",
        "Noah Bakker",
        "Lina Bakker",
        "Sem Bakker",
    ]
