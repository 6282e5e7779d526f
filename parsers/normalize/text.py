"""Printed text fields -> cleaned text for search and matching (DESIGN §4 "Text").

Our own small rules, because the libraries overreach: NFKC turns `β´` into `β ́`, `①` into `1` and
`～` into `~`; jaconv and neologdn turn a full-width minus `－` into `ー`, and neologdn deletes `〜`.
So clean_text only:
- folds full-width ASCII letters and digits (`ＤＸ` -> `DX`, `１０` -> `10`), nothing else;
- removes a whitelist of HTML tags the extractor leaves (`<p>`, `<ul …>`, `<li>`, `<br/>` become line
  breaks; checkbox `<input>`s become `□`/`■`, the glyphs other sheets print), so `<背景>` or
  `<令和5年度>` survive;
- joins words split by layout: a space next to a Japanese character goes (`デジ タル`, `25 拠点`),
  single capitals are joined (`D X` -> `DX`, `生成 A I` -> `生成AI`), `1, 000` becomes `1,000`;
  spaces between two ASCII words stay (`Open Source Software`);
- collapses runs of spaces and of blank lines. The printed form stays in `raw_text`.
"""

import re

_FOLD_ALNUM = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
        "\r": "",
    }
)
_ATTRS = r"(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))?)*\s*/?"
_CHECKBOX = re.compile(r"<input" + _ATTRS + ">", re.IGNORECASE | re.ASCII)
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br|div|tr|table)" + _ATTRS + ">", re.IGNORECASE | re.ASCII)
_INLINE_TAG = re.compile(
    r"</?(?:span|b|strong|i|em|u|td|th|tbody|thead|font|a)" + _ATTRS + ">", re.IGNORECASE | re.ASCII
)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
_SINGLE_CAPITALS = re.compile(r"(?<![A-Za-z])([A-Z]) (?=[A-Z](?![a-z]))", re.ASCII)
_STRAY_COMMA_SPACE = re.compile(r"(\d), +(?=\d{3}(?!\d))", re.ASCII)
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Given a printed text field, return it cleaned (see the module docstring); never raises on a str."""
    if not isinstance(text, str):
        from parsers.normalize.errors import NormalizationError

        raise NormalizationError(text, "not a string")
    s = text.translate(_FOLD_ALNUM)
    if "<" in s:
        s = _CHECKBOX.sub(lambda m: "■" if "checked" in m.group().lower() else "□", s)
        s = _BLOCK_TAG.sub("\n", s)
        s = _INLINE_TAG.sub("", s)
    if "&" in s:
        s = _ENTITY.sub(lambda m: _ENTITIES[m.group()], s)
    lines = [_clean_line(line) for line in s.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _clean_line(line: str) -> str:
    """Given one line, return it with layout spaces removed or collapsed."""
    line = _SPACES.sub(" ", line.strip())
    if " " not in line:
        return line
    line = _SINGLE_CAPITALS.sub(r"\1", line)
    line = _SINGLE_CAPITALS.sub(r"\1", line)  # second pass for runs like `A B C`
    line = _STRAY_COMMA_SPACE.sub(r"\1,", line)
    out = []
    for i, ch in enumerate(line):
        if ch == " " and (not line[i - 1].isascii() or not line[i + 1].isascii()):
            continue
        out.append(ch)
    return "".join(out)
