"""The demo's share of the synthetic national history: three recent years at a quarter of the
national volumes (about 750 orders and 1,070 assessments a year), so that with the suppression
threshold of 10 the national figures on the dashboard are shown. No registry records (the demo
has its own registries) and no access grants: the demo's users do not see these cases in their
case lists (need-to-know); the history counts only in the figures (docs/synth.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from huisverbod.core.synth.history import HistoryConfig

DEMO_HISTORY_SEED = 20261128
DEMO_HISTORY_YEARS = 3
DEMO_HISTORY_SCALE = 0.25


def demo_history_config(today: date | None = None) -> HistoryConfig:
    """The last three complete years before ``today``."""
    year = (today or date.today()).year
    return HistoryConfig(
        seed=DEMO_HISTORY_SEED,
        start_year=year - DEMO_HISTORY_YEARS,
        years=DEMO_HISTORY_YEARS,
        scale=DEMO_HISTORY_SCALE,
    )


def load_demo_history(config: HistoryConfig | None = None) -> dict[str, Any]:
    """Load the demo history (idempotent: years already loaded are skipped)."""
    from huisverbod.audit.log import AuditContext
    from huisverbod.history.loader import load_history

    return load_history(
        config or demo_history_config(),
        registries=False,
        audit_context=AuditContext.for_system("demo history"),
    )
