"""The benchmark's contract: one JSON line with the agreed keys; never a silent skip of Splink."""

from __future__ import annotations

import json

import pytest
from bench.matching.run import main


def test_without_splink_the_json_says_so_and_the_exit_code_is_not_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--records", "400", "--cases", "60", "--no-splink", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert "error" in result["splink"]
    for key in (
        "records",
        "precision",
        "recall",
        "f1",
        "lookup_ms",
        "possible_match_rate",
        "seed",
        "noise_profile",
    ):
        assert key in result, key
    assert set(result["lookup_ms"]) == {"p50", "p95", "p99"}
    assert result["records"] == 400
    assert result["registries"] == {"police": 400, "veilig_thuis": 200}
    assert "cores" in result["machine"]
