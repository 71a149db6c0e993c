"""The back-end plugin pattern and the stored model file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from huisverbod.core.matching import CandidateSource, Matcher, PersonQuery, Record, Retrieval, Retrieved
from huisverbod.core.matching.contrib.memory import MemoryIndex
from huisverbod.core.matching.keys import blocking_keys
from huisverbod.core.matching.registry import UnknownBackend, backend, backends, create_source, register
from huisverbod.core.matching.weights import MODEL_FORMAT, ModelFileError, load_model, load_model_file

RECORD = Record(record_id="P-1", given_names="Henk", surname="Vermeulen", birth_date=date(1965, 5, 12))
HENK = PersonQuery(given_names="Hendrik", surname="Vermeulen", birth_date=date(1965, 5, 12))


def test_the_memory_back_end_is_found_by_name() -> None:
    assert "memory" in backends()
    assert backend("memory") is MemoryIndex
    source = create_source("memory", registry="police", records=[RECORD])
    assert isinstance(source, CandidateSource)
    assert Matcher(source).find(HENK).candidates[0].record_id == "P-1"


def test_an_unknown_back_end_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownBackend, match="memory"):
        backend("oracle")


class KeyTable(CandidateSource):
    """What a SQL back-end does: a (key, record) table and one lookup of the query keys."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.registry = "police"
        self.rows = [(key, record) for record in records for key in blocking_keys(record)]

    def candidates(self, query_keys: Sequence[str], limit: int) -> Retrieval:
        found: dict[str, tuple[Record, list[str]]] = {}
        for key, record in self.rows:
            if key in query_keys:
                found.setdefault(record.record_id, (record, []))[1].append(key)
        return Retrieval([Retrieved(record, tuple(keys)) for record, keys in found.values()])


def test_a_new_back_end_plugs_in_without_changing_the_scorer() -> None:
    register("key_table_test")(KeyTable)
    source = create_source("key_table_test", records=[RECORD])
    with_table = Matcher(source).find(HENK)
    in_memory = Matcher(MemoryIndex("police", [RECORD])).find(HENK)
    assert [c.to_dict() for c in with_table.candidates] == [c.to_dict() for c in in_memory.candidates]


def test_a_name_cannot_be_registered_twice_for_different_back_ends() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register("memory")(KeyTable)


def test_the_shipped_model_says_where_it_came_from() -> None:
    model = load_model()
    assert model.id == "standard"
    for key in ("method", "generator", "noise_profile", "seed", "police_records", "trained_at", "command"):
        assert key in model.provenance, key
    assert model.provenance["seed"] != 20251128  # never trained on the benchmark's seed
    assert model.weight("birth_date", "exact") > 0 > model.weight("birth_date", "far")
    assert model.weight("bsn", "missing") == 0  # a missing value is no evidence


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_model_file_round_trips(tmp_path: Path) -> None:
    model = load_model()
    again = load_model_file(write(tmp_path, model.to_dict()))
    assert again == model
    assert again.term_frequencies == model.term_frequencies


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other/1"}, "format"),
        ({"thresholds": {"match": 1, "possible_match": 5}}, "possible_match must not exceed match"),
        ({"prior": 1.5}, "prior"),
    ],
)
def test_a_malformed_model_file_is_refused_naming_the_key(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    data = {**load_model().to_dict(), **change}
    with pytest.raises(ModelFileError, match=message):
        load_model_file(write(tmp_path, data))


def test_a_model_file_missing_a_level_is_refused(tmp_path: Path) -> None:
    data = load_model().to_dict()
    del data["fields"]["surname"]["double_part"]
    with pytest.raises(ModelFileError, match=r"surname\.double_part"):
        load_model_file(write(tmp_path, data))
    assert data["format"] == MODEL_FORMAT
