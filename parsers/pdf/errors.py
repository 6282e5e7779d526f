"""Errors for a PDF that cannot be read at all; the message is what the user sees."""


class UnreadablePdf(Exception):
    """The file cannot be opened as a PDF (empty, not a PDF, encrypted, damaged)."""
