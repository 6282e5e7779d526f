"""(C) 探索型事業 blocks: free text after `■ 探索型事業（事業区分：C）`, no table.

Each block is a name line set larger than the body, then paragraphs: the first is the 担当課 (it may
wrap: `DX 推進課、` / `窓口を有する各課・機関`), the rest is the 事業内容. Paragraphs are told apart
by the reading layer (`starts_paragraph`: the pitch between lines, in font sizes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.documents.plans.rows import Line
from parsers.pdf.reading import join_wrapped, starts_paragraph


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
            new_paragraph = prev is block.name or starts_paragraph(
                prev.bbox, line.bbox, body, right=right, same_page=prev.page == line.page
            )
            if new_paragraph or not block.paragraphs:
                block.paragraphs.append([line])
            else:
                block.paragraphs[-1].append(line)
        prev = line
    return blocks


def join_lines(lines: Sequence[Line]) -> str:
    """Given the lines of a paragraph, return its text as printed (wrapped lines joined)."""
    return join_wrapped(line.text for line in lines)
