"""Certificate codes: 80 random bits, typed by people, read aloud over the phone.

Crockford's base32 alphabet has no I, L, O or U, so nothing looks alike; codes are shown
in groups of four and accepted in any case, with or without dashes or spaces.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 symbols x 5 bits = 80 bits
GROUP = 4
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize(text: str) -> str | None:
    """The canonical grouped form of a typed code, or None if it cannot be a code."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    raw = re.sub(r"[\s\-]", "", text).upper().translate(_LOOK_ALIKES)
    return format_code(raw) if _VALID.match(raw) else None
