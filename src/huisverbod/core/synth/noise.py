"""Noise primitives: typing errors in names, dates and postcodes.

Each function takes the RNG and returns the noisy value; the caller records which kind of noise
it applied, so the output says per record what was done to it.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from random import Random

from huisverbod.core.synth.profile import TYPO_KINDS
from huisverbod.core.synth.tables import weighted_choice

_KEYBOARD = {
    "a": "qwsz",
    "b": "vghn",
    "c": "xdfv",
    "d": "serfcx",
    "e": "wsdr",
    "f": "drtgvc",
    "g": "ftyhbv",
    "h": "gyujnb",
    "i": "ujko",
    "j": "huikmn",
    "k": "jiolm",
    "l": "kop",
    "m": "njk",
    "n": "bhjm",
    "o": "iklp",
    "p": "ol",
    "q": "wa",
    "r": "edft",
    "s": "awedxz",
    "t": "rfgy",
    "u": "yhji",
    "v": "cfgb",
    "w": "qase",
    "x": "zsdc",
    "y": "tghu",
    "z": "asx",
}
# Misreadings of handwriting or scans.
_OCR = (
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("d", "cl"),
    ("e", "c"),
    ("c", "e"),
    ("l", "i"),
    ("i", "l"),
    ("h", "b"),
)
# Dutch spellings that sound the same (and the transliterations of Arabic and Turkish names).
_PHONETIC = (
    ("ij", "y"),
    ("y", "ij"),
    ("ei", "ij"),
    ("ij", "ei"),
    ("dt", "d"),
    ("ch", "g"),
    ("g", "ch"),
    ("c", "k"),
    ("k", "c"),
    ("s", "z"),
    ("z", "s"),
    ("ks", "x"),
    ("ou", "au"),
    ("au", "ou"),
    ("ee", "e"),
    ("oo", "o"),
    ("ph", "f"),
    ("th", "t"),
    ("ou", "oe"),
    ("mm", "m"),
    ("m", "mm"),
    ("ss", "s"),
    ("s", "ss"),
)
_SPECIAL = str.maketrans(
    {
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}": "I",
        "\N{LATIN SMALL LETTER SHARP S}": "ss",
        "\N{LATIN SMALL LETTER O WITH STROKE}": "o",
        "\N{LATIN CAPITAL LETTER O WITH STROKE}": "O",
    }
)


def drop_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(text: str) -> bool:
    return drop_diacritics(text) != text


def _keep_case(original: str, changed: str) -> str:
    if original[:1].isupper() and changed[:1].islower():
        return changed[:1].upper() + changed[1:]
    return changed


def _replace_one(word: str, pairs: tuple[tuple[str, str], ...], rng: Random) -> str | None:
    lower = word.lower()
    options = [(a, b, i) for a, b in pairs for i in range(len(lower)) if lower.startswith(a, i)]
    if not options:
        return None
    source, target, at = rng.choice(options)
    return word[:at] + target + word[at + len(source) :]


def typo(word: str, rng: Random) -> tuple[str, str]:
    """One typing error in a word (never in its first letter for insert/delete/substitute, as
    typists rarely get the first letter wrong); returns the new word and the kind of error."""
    if len(word) < 3:
        return word, "none"
    kind = weighted_choice(rng, TYPO_KINDS)
    lower = word.lower()
    changed: str | None = None
    if kind in ("ocr", "phonetic"):
        changed = _replace_one(word, _OCR if kind == "ocr" else _PHONETIC, rng)
        if changed is None:
            kind = "substitute"
    if changed is None:
        at = rng.randint(1, len(word) - 1)
        if kind == "insert":
            changed = word[:at] + rng.choice(_KEYBOARD.get(lower[at - 1], "e")) + word[at:]
        elif kind == "delete":
            changed = word[:at] + word[at + 1 :]
        elif kind == "transpose" and at < len(word) - 1 and lower[at] != lower[at + 1]:
            changed = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        else:
            kind = "substitute"
            changed = word[:at] + rng.choice(_KEYBOARD.get(lower[at], "e")) + word[at + 1 :]
    if changed.lower() == lower:
        return word, "none"
    return _keep_case(word, changed), kind


def typo_in_text(text: str, rng: Random) -> tuple[str, str]:
    """A typo in one of the longer words of a text (surname or given names)."""
    words = text.split(" ")
    positions = [i for i, w in enumerate(words) if len(w) >= 3]
    if not positions:
        return text, "none"
    at = rng.choice(positions)
    words[at], kind = typo(words[at], rng)
    return " ".join(words), kind


def swap_day_month(day: date) -> date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return day.replace(month=day.day, day=day.month)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def wrong_year_digit(day: date, rng: Random) -> date:
    """One digit of the year replaced (1965 -> 1975, 1966, 1865 ...), kept plausible."""
    digits = f"{day.year:04d}"
    for _ in range(20):
        position = rng.choice((1, 2, 3, 3, 2))
        year = int(digits[:position] + str(rng.randrange(10)) + digits[position + 1 :])
        changed = _valid(year, day.month, day.day)
        if changed and changed != day and 1900 <= year <= 2030:
            return changed
    return day


def wrong_day_digit(day: date, rng: Random) -> date:
    """One digit of the day or the month replaced (12 -> 13, 05 -> 06, 21 -> 11)."""
    text = day.strftime("%m%d")
    for _ in range(20):
        position = rng.randrange(4)
        digits = text[:position] + str(rng.randrange(10)) + text[position + 1 :]
        changed = _valid(day.year, int(digits[:2]), int(digits[2:]))
        if changed and changed != day:
            return changed
    return day


def postcode_typo(postcode: str, rng: Random) -> str:
    """One character of "3512 AB" wrong: a digit or a letter."""
    digits, letters = postcode[:4], postcode[-2:]
    if rng.random() < 0.6:
        position = rng.randrange(1, 4)
        digits = (
            digits[:position] + str((int(digits[position]) + rng.randint(1, 9)) % 10) + digits[position + 1 :]
        )
    else:
        position = rng.randrange(2)
        other = rng.choice([letter for letter in "ABCDEGHJKLMNPRTVWXZ" if letter != letters[position]])
        letters = letters[:position] + other + letters[position + 1 :]
    return f"{digits} {letters}"
