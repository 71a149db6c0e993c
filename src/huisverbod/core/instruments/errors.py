"""Errors of instrument definitions and of professionals' overrides."""

from __future__ import annotations


class DefinitionError(ValueError):
    """An instrument definition or item bank file is malformed; the message names file and key."""


class OverrideError(ValueError):
    """An override of an item answer is refused (unknown item, no reason, no supporting fact)."""
