"""People's names as typed: one Unicode form, single spaces, and at least one letter."""

import unicodedata


def normalise_name(value: str) -> str:
    """NFC (a name typed with combining accents prints like one typed precomposed) and the
    whitespace collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def has_a_letter(value: str) -> bool:
    """False for a name made only of invisible characters, marks, digits or punctuation:
    zero-width spaces, direction marks and the like are not a name."""
    return any(unicodedata.category(char).startswith("L") for char in value)
