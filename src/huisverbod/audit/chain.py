"""The keyed hash chain of the processing log.

Each entry's hash is HMAC-SHA256 over the previous entry's hash and the entry's own content in
a canonical JSON form. The key (``AUDIT_CHAIN_KEY``) lives outside the database, so someone who
can write to the database but does not hold the key cannot forge a consistent chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

GENESIS = "0" * 64

# The content fields, in the order they are hashed. Adding a field is a new chain version.
CONTENT_FIELDS = (
    "seq",
    "trace_id",
    "operation_id",
    "status_code",
    "name",
    "start_time",
    "end_time",
    "processing_activity_id",
    "data_subject_id",
    "legal_basis",
    "organisation",
    "role",
    "actor_id",
    "channel",
    "case",
    "attributes",
)


def _key(setting: str) -> bytes:
    return str(getattr(settings, setting)).encode("utf-8")


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def content_of(entry: Any) -> dict[str, Any]:
    return {name: _canonical(getattr(entry, name)) for name in CONTENT_FIELDS}


def entry_hash(prev_hash: str, content: dict[str, Any]) -> str:
    message = prev_hash.encode("ascii") + json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    return hmac.new(_key("AUDIT_CHAIN_KEY"), message, hashlib.sha256).hexdigest()


def pseudonym(kind: str, identifier: object) -> str:
    """A stable pseudonym for a person or an actor: not reversible without the key."""
    message = f"{kind}:{identifier}".encode()
    return hmac.new(_key("AUDIT_PSEUDONYM_KEY"), message, hashlib.sha256).hexdigest()[:32]
