"""(C) 探索型事業 blocks: free text after `■ 探索型事業（事業区分：C）`, no table.

Each block is a name line set larger than the body, then paragraphs: the first is the 担当課 (it may
wrap: `DX 推進課、` / `窓口を有する各課・機関`), the rest is the 事業内容. Paragraphs are told apart
by the gap between lines, in multiples of the body font size, not by absolute coordinates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.documents.plans.rows import Line
from parsers.pdf.reading import join_wrapped

PARAGRAPH_GAP = 1.55  # a line pitch above this × font size starts a new paragraph
SHORT_LINE = 3.0  # font sizes short of the right edge: the line ends its paragraph


@dataclass
class ExploreBlock:
    """One (C) block: its name line and its paragraphs (lists of lines)."""

    name: Line
    paragraphs: list[list[Line]] = field(default_factory=list)


def lines_to_blocks(lines: Sequence[Line]) -> list[ExploreBlock]:
    """Given the text lines of a (C) section, return one block per larger-font name line."""
    if not lines:
        return []
    body = Counter(round(line.size, 1) for line in lines).most_common(1)[0][0]
    right = max(line.bbox[2] for line in lines)
    blocks: list[ExploreBlock] = []
    prev: Line | None = None
    for line in lines:
        if line.size > body + 0.5:
            blocks.append(ExploreBlock(line))
        elif blocks:
            block = blocks[-1]
            new_paragraph = prev is block.name or _starts_paragraph(prev, line, right)
            if new_paragraph or not block.paragraphs:
                block.paragraphs.append([line])
            else:
                block.paragraphs[-1].append(line)
        prev = line
    return blocks


def _starts_paragraph(prev: Line, line: Line, right: float) -> bool:
    """A wide gap starts a paragraph; across a page break, a short previous line (one that stops
    short of the text's right edge by more than SHORT_LINE font sizes) does."""
    if prev.page == line.page:
        return line.bbox[1] - prev.bbox[1] > PARAGRAPH_GAP * line.size
    return prev.bbox[2] < right - SHORT_LINE * prev.size


def join_lines(lines: Sequence[Line]) -> str:
    """Given the lines of a paragraph, return its text as printed (wrapped lines joined)."""
    return join_wrapped(line.text for line in lines)
