"""The committed OpenAPI document (docs/openapi.yaml) matches the code."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_committed_openapi_matches_the_code():
    with translation.override("en"):  # the API document is in English, like the code
        generated = SchemaGenerator().get_schema(request=None, public=True)
    committed = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    assert committed == yaml.safe_load(yaml.safe_dump(generated)), (
        "docs/openapi.yaml is out of date: run `make openapi` and commit the result"
    )
