"""The registry of candidate-source back-ends, by name ("memory", later "django_sql")."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from huisverbod.core.matching.base import CandidateSource

SourceFactory = Callable[..., CandidateSource]

_FACTORIES: dict[str, SourceFactory] = {}
# Back-ends shipped with the core, imported on first use so that asking for one loads it.
_BUILT_IN = {"memory": "huisverbod.core.matching.contrib.memory"}


class UnknownBackend(LookupError):
    pass


def register(name: str) -> Callable[[SourceFactory], SourceFactory]:
    """Class or function decorator: ``@register("django_sql")``."""

    def decorate(factory: SourceFactory) -> SourceFactory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"matching back-end {name!r} is already registered")
        _FACTORIES[name] = factory
        return factory

    return decorate


def backend(name: str) -> SourceFactory:
    if name not in _FACTORIES and name in _BUILT_IN:
        import_module(_BUILT_IN[name])
    try:
        return _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(set(_FACTORIES) | set(_BUILT_IN)))
        raise UnknownBackend(f"unknown matching back-end {name!r} (known: {known})") from None


def create_source(name: str, **options: Any) -> CandidateSource:
    return backend(name)(**options)


def backends() -> list[str]:
    return sorted(set(_FACTORIES) | set(_BUILT_IN))
