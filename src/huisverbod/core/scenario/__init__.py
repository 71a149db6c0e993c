"""The scenario lab's core: past cases re-run under another law parameter set, compared
(``run.py``) and counted (``summary.py``). Plain Python, no Django; it never writes anything."""

from huisverbod.core.scenario.run import (
    CaseDifference,
    CaseError,
    Change,
    Outcome,
    ScenarioCase,
    ScenarioOutcome,
    compare_case,
    differences,
    run_scenario,
    scenario_case,
)
from huisverbod.core.scenario.summary import CountTable, Summary, published, published_count, summarise

__all__ = [
    "CaseDifference",
    "CaseError",
    "Change",
    "CountTable",
    "Outcome",
    "ScenarioCase",
    "ScenarioOutcome",
    "Summary",
    "compare_case",
    "differences",
    "published",
    "published_count",
    "run_scenario",
    "scenario_case",
    "summarise",
]
