"""Which text strings of a content stream continue where the string before left the pen (#15).

Why: pdfminer adds a string's character spacing (Tc) only between its glyphs, the PDF (and pdfium) after
each of them, so a string shown with no Td/TD/Tm/T* before it starts one Tc earlier in pdfminer's
reading than in pdfium's. From positions alone that string cannot be told from one placed there on
purpose (`pdfium_page._continued`); the operators tell. pdfminer's own parser would take as long as
reading the page with it (pure Python, per token), so this scanner tokenises with regular expressions and
keeps only what the question needs. Anything it does not follow (a content stream it cannot tokenise)
raises ValueError, and the page is read by the reference reader as before.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    rb"\s+|%[^\r\n]*"  # white space, comments
    rb"|(?P<open>\()"  # a literal string: scanned by hand (nesting, escapes)
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|(?P<delim><<|>>|\[|\]|\{|\})"
    rb"|(?P<name>/[^\s()<>\[\]{}/%]*)"
    rb"|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<op>[^\s()<>\[\]{}/%]+)"
)
SHOW = {b"Tj", b"TJ", b"'", b'"'}
MOVE = {b"Td", b"TD", b"Tm", b"T*", b"'", b'"'}
INLINE_IMAGE_END = re.compile(rb"\sEI(?=\s|$)")


def show_placements(content: bytes) -> list[bool]:
    """Given a page's content stream, return for each string shown (Tj, TJ, ', ") that draws at least one
    character, in order, whether it was placed (a positioning operator since the last string or BT) rather
    than continuing from where the last one ended."""
    placed, shows, empty = True, [], True
    pos = 0
    while pos < len(content):
        match = TOKEN.match(content, pos)
        if match is None:
            raise ValueError(f"content stream not understood at byte {pos}")
        pos = match.end()
        if match.group("open"):
            pos, text = _literal(content, pos)
            empty = empty and not text
        elif match.group("hex"):
            empty = empty and not re.sub(rb"\s", b"", match.group("hex")[1:-1])
        elif op := match.group("op"):
            if op == b"BI":
                end = INLINE_IMAGE_END.search(content, pos)
                if end is None:
                    raise ValueError("inline image without EI")
                pos = end.end()
            elif op == b"BT":
                placed = True
            elif op in SHOW:
                if not empty:
                    shows.append(placed or op in MOVE)
                    placed = False
            elif op in MOVE:
                placed = True
            empty = True  # an operator takes the operands before it
    return shows


def _literal(content: bytes, pos: int) -> tuple[int, bytes]:
    """Scan a literal string whose `(` ends at `pos`; return where it ends and its raw bytes."""
    depth, start = 1, pos
    while pos < len(content):
        char = content[pos]
        if char == 0x5C:  # backslash: the next byte is escaped
            pos += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return pos + 1, content[start:pos]
        pos += 1
    raise ValueError("unterminated string")
