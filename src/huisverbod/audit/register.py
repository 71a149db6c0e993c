"""The register of processing activities (``activities.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language


@dataclass(frozen=True)
class Activity:
    id: str
    name_nl: str
    name_en: str
    purpose: str
    legal_basis: str

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


@cache
def activities() -> dict[str, Activity]:
    data = tomllib.loads((Path(__file__).parent / "activities.toml").read_text(encoding="utf-8"))
    return {key: Activity(id=key, **value) for key, value in data.items()}


def activity(activity_id: str) -> Activity:
    try:
        return activities()[activity_id]
    except KeyError:
        raise KeyError(
            f"processing activity '{activity_id}' is not in the register (audit/activities.toml)"
        ) from None
