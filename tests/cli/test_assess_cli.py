"""``huisverbod assess FILE --json [--sources ...]``: exactly the output contract."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import _write, run
from tests.helpers import example, example_paths, mutate

pytestmark = pytest.mark.xdist_group("cli")

CONTRACT_KEYS = {"case", "sources", "legal", "instruments", "advice"}


def _assess(*args: str) -> dict:
    result = run("assess", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_contract_keys_and_traceable_signals(path):
    data = _assess(str(path))
    assert set(data) >= CONTRACT_KEYS
    fact_ids = {f["id"] for f in json.loads(path.read_text(encoding="utf-8"))["facts"]}
    for instrument in data["instruments"]:
        assert {"id", "version", "parts", "conclusion"} <= set(instrument)
        for part in instrument["parts"]:
            for signal in part["signals"]:
                assert signal["rating"] in ("red", "blue", "yellow")
                if signal["rating"] in ("red", "blue"):
                    assert signal["facts"] and set(signal["facts"]) <= fact_ids
    ids = {m["id"] for m in data["advice"]["measures"]}
    assert ids >= {
        "huisverbod",
        "arrest",
        "criminal_contact_ban",
        "civil_contact_ban",
        "report_to_veilig_thuis",
        "care_referral",
        "shelter",
        "child_protection",
    }
    assert {c["id"] for c in data["legal"]["criteria"]} >= {"adult", "residence", "danger"}


def test_seed_cases_as_the_issue_asks():
    paths = {p.name.split("-")[0] + "-" + p.name.split("-")[1]: str(p) for p in example_paths()}
    police = _assess(paths["seed-1"], "--sources", "police")
    joint = _assess(paths["seed-1"])
    assert (police["advice"]["huisverbod"], joint["advice"]["huisverbod"], joint["advice"]["route"]) == (
        "do_not_impose",
        "impose",
        "acute",
    )

    def reds(data: dict) -> int:
        return sum(
            s["rating"] == "red" for i in data["instruments"] for p in i["parts"] for s in p["signals"]
        )

    assert reds(joint) > reds(police)
    assert police["sources"] == ["police"]
    seed2 = _assess(paths["seed-2"])
    assert seed2["advice"]["huisverbod"] == "impose"
    assert "consult_veilig_thuis" in [r["id"] for r in seed2["legal"]["requirements"]]
    assert not next(m for m in seed2["advice"]["measures"] if m["id"] == "shelter")["advised"]
    seed3 = _assess(paths["seed-3"])
    assert (seed3["advice"]["huisverbod"], seed3["advice"]["route"]) == ("impose", "planned")


def test_order_dates_when_the_file_has_an_order(tmp_path):
    document = mutate(
        example("seed-1"), "order", {"imposed_at": "2021-03-20T23:40:00+01:00", "imposed_by": "mayor"}
    )
    data = _assess(_write(tmp_path, "order.json", document))
    assert data["order"]["ends_at"] == "2021-03-30T23:40:00+02:00"  # across the spring change
    assert data["order"]["latest_extension_end"] == "2021-04-17T23:40:00+02:00"
    assert "order" not in _assess(_write(tmp_path, "none.json", example("seed-1")))


def test_extension_past_four_weeks_is_refused(tmp_path):
    document = mutate(
        example("seed-1"),
        "order",
        {
            "imposed_at": "2021-11-07T00:30:00+01:00",
            "imposed_by": "assistant_public_prosecutor",
            "extended_until": "2021-12-06T00:30:00+01:00",
        },
    )
    result = run("assess", _write(tmp_path, "late.json", document), "--json")
    assert result.returncode != 0 and "order.extended_until" in result.stderr and result.stdout == ""


def test_bad_sources_and_bad_files_are_refused(tmp_path):
    path = str(example_paths()[0])
    bad = run("assess", path, "--json", "--sources", "police,neighbours")
    assert bad.returncode != 0 and "unknown source neighbours" in bad.stderr
    broken = run("assess", _write(tmp_path, "x.json", "{"), "--json")
    assert broken.returncode != 0 and "not valid JSON" in broken.stderr


def test_human_readable_report():
    result = run("assess", str(example_paths()[0]))
    assert result.returncode == 0
    assert "Wettelijke toets" in result.stdout and "ROOD" in result.stdout
