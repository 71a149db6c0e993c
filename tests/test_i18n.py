"""Dutch first: every interface text has a Dutch translation, and the compiled catalogue is current."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "huisverbod" / "locale" / "nl" / "LC_MESSAGES"


def test_every_message_has_a_dutch_translation():
    po = polib.pofile(str(LOCALE / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"untranslated: {missing[:20]}"


def test_compiled_catalogue_matches_the_translations(tmp_path):
    fresh = tmp_path / "django.mo"
    polib.pofile(str(LOCALE / "django.po")).save_as_mofile(str(fresh))
    with open(LOCALE / "django.mo", "rb") as committed, open(fresh, "rb") as compiled:
        old = {k: v for k, v in gettext.GNUTranslations(committed)._catalog.items() if k != ""}
        new = {k: v for k, v in gettext.GNUTranslations(compiled)._catalog.items() if k != ""}
    assert old == new, "django.mo is stale: run `make messages`"
