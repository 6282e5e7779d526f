"""The one exception the normaliser raises.

Why one type: callers (document parsers) catch exactly this to turn a cell into a reject or keep it as
text; any other exception escaping the normaliser is a bug, and the property tests check that.
"""


class NormalizationError(ValueError):
    """Given printed text that cannot be read exactly, carry the raw text and the reason."""

    def __init__(self, raw: object, reason: str) -> None:
        self.raw = raw
        self.reason = reason
        super().__init__(f"{reason}: {raw!r}")
