"""URL converters."""


class IdConverter:
    """A database id: digits that fit a 64-bit signed integer column. A longer number
    matches no URL (404) instead of reaching the database and overflowing there."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
