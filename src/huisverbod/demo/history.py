"""The demo's share of the synthetic national history: the last three complete years and the
current year up to two months ago, at a quarter of the national volumes (about 750 orders and
1,070 assessments a year), so that with the suppression threshold of 10 the national figures on
the dashboard are shown. Orders end within 28 days, so all of them have ended. No registry
records (the demo has its own registries) and no access grants: the demo's users do not see these
cases in their case lists (need-to-know); the history counts only in the figures (docs/synth.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from huisverbod.core.synth.history import HistoryConfig

DEMO_HISTORY_SEED = 20261128
DEMO_HISTORY_YEARS = 3
DEMO_HISTORY_SCALE = 0.25


def demo_history_config(today: date | None = None) -> HistoryConfig:
    """The last three complete years before ``today`` and this year up to two months ago."""
    today = today or date.today()
    return HistoryConfig(
        seed=DEMO_HISTORY_SEED,
        start_year=today.year - DEMO_HISTORY_YEARS,
        years=DEMO_HISTORY_YEARS + 1,
        scale=DEMO_HISTORY_SCALE,
        until=today - timedelta(days=60),
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
