"""Open a PDF with pdfplumber, turning pdfminer's many failure modes into one clear UnreadablePdf."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSEOF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from parsers.pdf.errors import UnreadablePdf

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW_BYTES = 1024  # the PDF spec lets the header start anywhere in the first 1 KB


def check_pdf_bytes(data: bytes) -> None:
    """Given a file's bytes, raise UnreadablePdf unless they look like a PDF."""
    if not data:
        raise UnreadablePdf("empty file (0 bytes)")
    if PDF_MAGIC not in data[:MAGIC_WINDOW_BYTES]:
        head = data[:16].decode("latin-1").encode("unicode_escape").decode()
        raise UnreadablePdf(f"not a PDF: the file starts with '{head}', not '%PDF-'")


def open_pdf(path: Path) -> pdfplumber.PDF:
    """Open `path` and read its page tree; raise UnreadablePdf with the reason when that fails."""
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read, where encryption and damage show up
    except (PdfminerException, PDFSyntaxError, PDFEncryptionError, PDFPasswordIncorrect, PSEOF) as err:
        raise UnreadablePdf(_describe(err)) from err
    except (MalformedPDFException, ValueError, KeyError, TypeError, AssertionError, OSError) as err:
        raise UnreadablePdf(f"damaged PDF: {type(err).__name__}: {err}") from err
    if not pdf.pages:
        pdf.close()
        raise UnreadablePdf("the PDF has no pages (damaged or truncated page tree)")
    return pdf


def _describe(err: Exception) -> str:
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(cause, UnreadablePdf):  # raised by our own checks inside pdfminer (the inflate cap)
        return str(cause)
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted PDF: it needs a password or uses unsupported encryption"
    if isinstance(cause, PSEOF):
        return "damaged or truncated PDF: the file ends unexpectedly"
    if isinstance(cause, PDFSyntaxError):
        return f"damaged or truncated PDF: {cause}"
    return f"unreadable PDF: {type(cause).__name__}: {cause}"


def page_count(path: Path) -> int:
    """How many pages the PDF at `path` has; 0 when it cannot be opened (its parse will say why)."""
    try:
        with open_pdf(path) as pdf:
            return len(pdf.pages)
    except UnreadablePdf:
        return 0
