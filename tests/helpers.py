"""Shared test helpers (no fixtures here; see conftest.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED_EXAMPLES = REPO.parent / "shared" / "casefile" / "examples"
SHIPPED_EXAMPLES = REPO / "src" / "huisverbod" / "demo" / "seed_cases"


def example_dir() -> Path:
    """The shared examples when present (the contract), else the copies shipped in the project."""
    return SHARED_EXAMPLES if any(SHARED_EXAMPLES.glob("*.json")) else SHIPPED_EXAMPLES


def example_paths() -> list[Path]:
    return sorted(example_dir().glob("*.json"))


def example(name: str) -> dict[str, Any]:
    """A seed case by its prefix, e.g. ``example("seed-1")``."""
    (path,) = [p for p in example_paths() if p.name.startswith(name + "-")]
    return json.loads(path.read_text(encoding="utf-8"))


def mutate(document: dict[str, Any], path: str, value: Any = ..., *, delete: bool = False) -> dict[str, Any]:
    """A copy of ``document`` with the field at ``path`` (``facts.0.about.0``) set or deleted."""
    result = copy.deepcopy(document)
    *parents, last = path.split(".")
    node: Any = result
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = value
    return result
