"""The content-stream scanner that tells a string placed by Td/Tm from one continuing the last (#15)."""

from __future__ import annotations

import pytest

from parsers.pdf.text_ops import show_placements


def test_each_string_says_whether_it_was_placed_or_continues():
    content = (
        b"q 0.1 0 0 0.1 0 0 cm BT /F1 9 Tf 1.5 Tc 10 700 Td (AB) Tj (CD) Tj"  # placed, continues
        b" [(E) -120 (F)] TJ 0 -12 Td <0041> Tj"  # continues, placed
        b" (a \\) b (nested) c) Tj () Tj (G) Tj"  # continues; an empty string draws nothing and moves nothing
        b" T* (H) Tj (I) ' 1 2 (J) \" ET"  # placed by T*, by ' and by \"
        b" BI /W 2 /H 1 /BPC 8 /CS /G ID \x00Tj) EI"  # an inline image's bytes are skipped
        b" BT 100 100 Td (K) Tj ET BT (L) Tj ET Q %comment Tj\n"  # BT starts from its own origin
    )
    assert show_placements(content) == [True, False, False, True, False, False, True, True, True, True, True]


def test_a_stream_it_cannot_follow_is_refused():
    with pytest.raises(ValueError, match="unterminated"):
        show_placements(b"BT (never closed Tj ET")
