"""Checking the processing log: every entry's hash, the links between entries, no gaps."""

from __future__ import annotations

from dataclasses import dataclass

from huisverbod.audit.chain import GENESIS, content_of, entry_hash
from huisverbod.audit.models import ChainHead, ProcessingLogEntry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(chunk_size: int = 5000) -> VerifyResult:
    expected_seq = 1
    prev = GENESIS
    count = 0
    for entry in ProcessingLogEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                return VerifyResult(False, count, expected_seq, f"entry #{expected_seq} is missing (removed)")
            return VerifyResult(False, count, entry.seq, f"entry #{entry.seq} is out of sequence")
        if entry.prev_hash != prev:
            return VerifyResult(
                False,
                count,
                entry.seq,
                f"entry #{entry.seq} does not link to the entry before it (inserted or altered)",
            )
        if entry_hash(prev, content_of(entry)) != entry.hash:
            return VerifyResult(
                False,
                count,
                entry.seq,
                f"entry #{entry.seq} was altered: its content does not match its hash",
            )
        prev = entry.hash
        expected_seq += 1
        count += 1
    head = ChainHead.objects.filter(pk=1).first()
    last_seq, last_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    if last_seq != count or last_hash != prev:
        bad = count + 1 if last_seq > count else last_seq
        return VerifyResult(
            False,
            count,
            bad,
            f"the log ends at #{count} but its head records #{last_seq} (entries removed at the end)",
        )
    return VerifyResult(True, count)
