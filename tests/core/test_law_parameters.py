"""The law's numbers and switches are effective-dated data (parameter_sets/*.toml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huisverbod.core.law.parameters import (
    ParameterSetError,
    load_parameter_file,
    parameter_set,
    parameters_on,
)

SETS = Path(__file__).resolve().parents[2] / "src" / "huisverbod" / "core" / "law" / "parameter_sets"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2009, 1, 1), "wth-2009", id="art. 2 Wth in force since 1 January 2009"),
        pytest.param(date(2026, 6, 1), "wth-2009", id="the 2026 motion is not law: never chosen by date"),
    ],
)
def test_the_set_in_force_is_chosen_by_date(day, expected):
    assert parameters_on(day).id == expected


def test_before_the_law_no_set_is_in_force():
    with pytest.raises(ParameterSetError, match="no enacted parameter set"):
        parameters_on(date(2008, 12, 31))


@pytest.mark.parametrize(
    ("set_id", "initial", "maximum"),
    [
        pytest.param("wth-2009", 10, 28, id="art. 2 lid 1 ten days; art. 9 lid 1 four weeks"),
        pytest.param("wth-motie-2026", 10, 365, id="motion Mutluer 2026: at most one year"),
    ],
)
def test_durations(set_id, initial, maximum):
    params = parameter_set(set_id)
    assert (params.order.initial_duration_days, params.order.max_duration_days) == (initial, maximum)


def test_the_danger_section_is_typed_and_also_kept_raw():
    params = parameter_set("wth-2009")
    assert params.danger is not None
    assert params.danger.instrument == "rihg-structured"
    assert params.danger.min_red_in_one_part == 2  # RiHG decision rule: two reds in one part
    assert "physical_violence" in params.danger.violence_types
    assert params.sections["danger"]["min_red_in_one_part"] == 2  # the loader keeps unknown tables raw
    assert params.need(params.route, "route").current_incident_days >= 1


def test_the_motion_lowers_the_threshold_to_ongoing_threat():
    law, motion = parameter_set("wth-2009"), parameter_set("wth-motie-2026")
    assert not motion.enacted and law.enacted
    assert law.danger is not None and motion.danger is not None
    assert {"jealousy_and_control", "stalking", "ongoing_violence"} <= motion.danger.sufficient_red_signals
    assert not law.danger.sufficient_conclusions
    assert ("vt-veiligheidsbeoordeling", "structural_unsafety") in motion.danger.sufficient_conclusions
    assert motion.measures is not None and motion.measures.administrative_contact_ban
    assert law.measures is not None and not law.measures.administrative_contact_ban


def _write(tmp_path: Path, replace: tuple[str, str] | None = None, drop_section: str | None = None) -> Path:
    text = (SETS / "wth-2009.toml").read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace)
    if drop_section is not None:
        start = text.index(f"[{drop_section}]")
        end = text.find("\n[", start + 1)
        text = text[:start] + (text[end:] if end != -1 else "")
    path = tmp_path / "candidate.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (
            ("min_red_in_one_part = 2", 'min_red_in_one_part = "two"'),
            "danger.min_red_in_one_part: expected a whole",
        ),
        (('fact_types = ["child_hit"', 'fact_types = ["slap"'), "child_abuse.fact_types: unknown fact type"),
        (("current_incident_days = 3", "current_incident_days = true"), "route.current_incident_days"),
        (
            ("sufficient_conclusions = []", 'sufficient_conclusions = ["acute"]'),
            "not 'instrument:conclusion'",
        ),
        (("administrative_contact_ban = false", "administrative_contact_ban = 1"), "expected bool"),
    ],
)
def test_a_malformed_section_is_refused_naming_the_key(tmp_path, replace, message):
    with pytest.raises(ParameterSetError, match=message):
        load_parameter_file(_write(tmp_path, replace=replace))


def test_a_set_without_the_assessment_sections_still_loads_but_cannot_assess(tmp_path):
    params = load_parameter_file(_write(tmp_path, drop_section="danger"))
    assert params.danger is None
    assert params.order.initial_duration_days == 10
    with pytest.raises(ParameterSetError, match=r"\[danger\] required"):
        params.need(params.danger, "danger")
