"""docs/deadlines.md stays true: its lifecycle table and deadline list match the code."""

from __future__ import annotations

import re
from pathlib import Path

from huisverbod.core.calendar.holidays import ALGEMENE_TERMIJNENWET_HOLIDAYS
from huisverbod.core.orders.deadlines import DeadlineKind
from huisverbod.core.orders.transitions import TRANSITIONS

DOC = (Path(__file__).parents[2] / "docs" / "deadlines.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `(\w+)` \| `(\w+)` \| `(\w+)` \|", re.MULTILINE)


def test_the_lifecycle_table_in_the_docs_is_the_table_in_the_code() -> None:
    documented = set(ROW.findall(DOC))
    coded = {(row.source.value, row.action.value, row.target.value) for row in TRANSITIONS}
    assert documented == coded


def test_every_deadline_kind_and_holiday_is_documented() -> None:
    for kind in DeadlineKind:
        if kind is not DeadlineKind.EXTENSION_REMINDER:
            assert f"`{kind}`" in DOC, kind
    assert "`extension_reminder_day_<n>`" in DOC
    for rule in ALGEMENE_TERMIJNENWET_HOLIDAYS:
        assert f"`{rule.key}`" in DOC, rule.key
