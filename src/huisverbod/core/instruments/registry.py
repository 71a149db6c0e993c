"""The registry of instruments and of the shared item bank.

The plugin pattern of Open Formulieren: ``base.py`` is the interface, this module the registry,
and ``contrib/<plugin>/`` holds each instrument, here as definition files. The default registry
reads the item bank (``item_bank/*.toml``) and every ``contrib/*/*.toml``. An organisation that
holds another form (the official RiHG, say) writes it as a definition file and loads it with
:meth:`Registry.load_file`, or drops it into ``contrib/<its plugin>/``; the engine is the same.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from huisverbod.core.instruments.base import Instrument
from huisverbod.core.instruments.definition import DEFINITION_FORMAT, parse_definition
from huisverbod.core.instruments.errors import DefinitionError
from huisverbod.core.instruments.items import ItemDefinition, parse_item

HERE = Path(__file__).parent
ITEM_BANK_DIR = HERE / "item_bank"
CONTRIB_DIR = HERE / "contrib"
ITEM_BANK_FORMAT = "huisverbod-items/1"


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in version.split("."))


class Registry:
    """Item bank plus instruments. Items are shared: one id, one meaning, one answer."""

    def __init__(self) -> None:
        self._items: dict[str, ItemDefinition] = {}
        self._instruments: dict[tuple[str, str], Instrument] = {}

    # -- items ------------------------------------------------------------------------------

    def add_items(self, items: Iterable[ItemDefinition], where: str) -> None:
        for item in items:
            known = self._items.get(item.id)
            if known is not None and known != item:
                raise DefinitionError(
                    f"{where}: item '{item.id}' is already in the bank with another meaning"
                )
            self._items[item.id] = item

    @property
    def items(self) -> Mapping[str, ItemDefinition]:
        return dict(self._items)

    # -- instruments ------------------------------------------------------------------------

    def register(self, instrument: Instrument) -> None:
        missing = sorted(instrument.item_ids() - self._items.keys())
        if missing:
            raise DefinitionError(
                f"{instrument.id} {instrument.version}: unknown item(s) {', '.join(missing)}"
            )
        key = (instrument.id, instrument.version)
        if key in self._instruments:
            raise DefinitionError(f"{instrument.id} {instrument.version}: registered twice")
        self._instruments[key] = instrument

    def instrument(self, instrument_id: str, version: str | None = None) -> Instrument:
        """An instrument by id: the given version, or the latest."""
        versions = [v for (i, v) in self._instruments if i == instrument_id]
        if not versions or (version is not None and version not in versions):
            known = ", ".join(f"{i} {v}" for i, v in self._instruments)
            raise DefinitionError(f"unknown instrument '{instrument_id}' {version or ''} (known: {known})")
        chosen = version or max(versions, key=_version_key)
        return self._instruments[(instrument_id, chosen)]

    def instruments(self) -> tuple[Instrument, ...]:
        """The latest version of each instrument, in the order they were first registered."""
        ids = dict.fromkeys(i for i, _ in self._instruments)
        return tuple(self.instrument(i) for i in ids)

    # -- files ------------------------------------------------------------------------------

    def load_file(self, path: Path) -> Instrument | None:
        """Load an item-bank file or an instrument definition file (told apart by ``format``)."""
        with path.open("rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as exc:
                raise DefinitionError(f"{path.name}: {exc}") from exc
        return self.load_data(data, path.name)

    def load_data(self, data: Mapping[str, Any], where: str) -> Instrument | None:
        own_items = data.get("items", [])
        if not isinstance(own_items, list):
            raise DefinitionError(f"{where}.items: expected a list of item tables")
        self.add_items((parse_item(d, f"{where}.items[{i}]") for i, d in enumerate(own_items)), where)
        if data.get("format") == ITEM_BANK_FORMAT:
            return None
        if data.get("format") != DEFINITION_FORMAT:
            raise DefinitionError(f"{where}.format: expected '{ITEM_BANK_FORMAT}' or '{DEFINITION_FORMAT}'")
        instrument = parse_definition(data, where, self._items.keys())
        self.register(instrument)
        return instrument

    def copy(self) -> Registry:
        other = Registry()
        other._items = dict(self._items)
        other._instruments = dict(self._instruments)
        return other


@cache
def _default() -> Registry:
    registry = Registry()
    for path in sorted(ITEM_BANK_DIR.glob("*.toml")):
        registry.load_file(path)
    for path in sorted(CONTRIB_DIR.glob("*/*.toml")):
        registry.load_file(path)
    return registry


def default_registry() -> Registry:
    """The instruments shipped with the project (a copy: extending it changes nothing shared)."""
    return _default().copy()
