"""Noise primitives and the ``huisverbod synth`` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from random import Random

import pytest
from stdnum.nl import bsn as stdnum_bsn

from huisverbod.core.synth.bsn import bsn_for, is_valid_bsn, mistyped_bsn
from huisverbod.core.synth.noise import drop_diacritics, postcode_typo, swap_day_month, typo, wrong_year_digit
from huisverbod.synth_command import synth_command


@pytest.mark.parametrize("seed", range(30))
def test_a_typo_changes_the_word_but_keeps_it_recognisable(seed: int) -> None:
    word, kind = typo("Vermeulen", Random(seed))
    assert kind in {"insert", "delete", "substitute", "transpose", "ocr", "phonetic"}
    assert word != "Vermeulen"
    assert abs(len(word) - len("Vermeulen")) <= 1
    assert word[0].isupper()


def test_day_and_month_swap_only_where_it_gives_a_date() -> None:
    assert swap_day_month(date(1976, 3, 8)) == date(1976, 8, 3)
    assert swap_day_month(date(1976, 3, 28)) is None
    assert swap_day_month(date(1976, 5, 5)) is None


@pytest.mark.parametrize("seed", range(20))
def test_a_wrong_year_digit_changes_one_digit_of_the_year(seed: int) -> None:
    changed = wrong_year_digit(date(1965, 5, 12), Random(seed))
    assert (changed.month, changed.day) == (5, 12)
    assert sum(a != b for a, b in zip(f"{changed.year}", "1965", strict=True)) == 1


@pytest.mark.parametrize("seed", range(20))
def test_a_postcode_typo_changes_one_character(seed: int) -> None:
    changed = postcode_typo("3512 AB", Random(seed))
    assert len(changed) == 7
    assert sum(a != b for a, b in zip(changed, "3512 AB", strict=True)) == 1


def test_diacritics_are_dropped_as_a_keyboard_without_them_would() -> None:
    written = "Çelik Öztürk Yılmaz Daniëlle"
    assert drop_diacritics(written) == "Celik Ozturk Yilmaz Danielle"


def test_synthetic_bsns_are_valid_and_distinct() -> None:
    numbers = [bsn_for(truth_id, seed=9) for truth_id in range(1, 5_001)]
    assert len(set(numbers)) == len(numbers)
    assert all(stdnum_bsn.is_valid(number) and is_valid_bsn(number) for number in numbers)
    assert bsn_for(1, seed=9) != bsn_for(1, seed=10)


@pytest.mark.parametrize("seed", range(20))
def test_a_mistyped_bsn_that_a_registry_accepted_is_another_valid_number(seed: int) -> None:
    original = bsn_for(seed + 1, seed=1)
    mistyped = mistyped_bsn(original, Random(seed))
    assert mistyped != original
    assert stdnum_bsn.is_valid(mistyped)


def run_synth(tmp_path: Path, name: str, *extra: str) -> dict[str, object]:
    printed: list[str] = []
    code = synth_command(
        ["--records", "400", "--seed", "5", "--out", str(tmp_path / name), *extra], printed.append
    )
    assert code == 0
    return json.loads(printed[0])  # type: ignore[no-any-return]


def test_the_command_writes_both_registries_and_the_truth_reproducibly(tmp_path: Path) -> None:
    summary = run_synth(tmp_path, "a", "--truth")
    run_synth(tmp_path, "b", "--truth")
    written = summary["written"]
    assert isinstance(written, dict)
    assert written["police"]["rows"] == 400
    assert written["veilig_thuis"]["rows"] == 200
    for name in ("police.csv", "veilig_thuis.csv", "persons.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    persons = (tmp_path / "a" / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert persons[0].startswith("person_truth_id,household_id,given_names")


def test_the_command_writes_json_lines(tmp_path: Path) -> None:
    run_synth(tmp_path, "j", "--format", "jsonl")
    first = json.loads((tmp_path / "j" / "police.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["registry"] == "police"
    assert "incident_type" in first


def test_the_command_refuses_a_size_below_one(tmp_path: Path) -> None:
    assert synth_command(["--records", "0", "--out", str(tmp_path)], lambda _: None) == 2
