"""Fill empty Dutch translations from a JSON mapping {msgid: msgstr} (a developer's tool).

    .venv/bin/python scripts/po_fill.py translations.json
Prints the msgids that are still untranslated afterwards.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "src/huisverbod/locale/nl/LC_MESSAGES/django.po"


def main() -> None:
    mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else {}
    po = polib.pofile(str(PO))
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    for msgid in missing:
        print(json.dumps(msgid, ensure_ascii=False))


if __name__ == "__main__":
    main()
