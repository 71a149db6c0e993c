"""Risk instruments: versioned, declarative definitions run by one engine on a shared item bank.

- ``base.py``: the interface (:class:`Instrument`) and the results (ratings red/blue/yellow).
- ``registry.py``: the registry; ``default_registry()`` holds the shipped instruments.
- ``contrib/<plugin>/``: the definition files (``rihg-structured``, ``vt-veiligheidsbeoordeling``).
- ``item_bank/``: the shared items, each answered once from the facts.
"""

from huisverbod.core.instruments.base import (
    AnswerOrigin,
    CaseRoles,
    Instrument,
    InstrumentResult,
    ItemAnswer,
    PartResult,
    Rating,
    SignalResult,
)
from huisverbod.core.instruments.engine import InstrumentRun, run_instruments
from huisverbod.core.instruments.errors import DefinitionError, OverrideError
from huisverbod.core.instruments.overrides import ItemOverride
from huisverbod.core.instruments.registry import Registry, default_registry

__all__ = [
    "AnswerOrigin",
    "CaseRoles",
    "DefinitionError",
    "Instrument",
    "InstrumentResult",
    "InstrumentRun",
    "ItemAnswer",
    "ItemOverride",
    "OverrideError",
    "PartResult",
    "Rating",
    "Registry",
    "SignalResult",
    "default_registry",
    "run_instruments",
]
