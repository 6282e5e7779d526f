"""The action-plan families read their city from the document, never from a name written in the code."""

from __future__ import annotations

import pytest

from parsers.documents.plans.rows import Line
from parsers.documents.plans.shared import find_municipality


def lines(*texts: str) -> list[Line]:
    return [Line(page=1, text=t, bbox=(0.0, 10.0 * i, 100.0, 10.0 * i + 9), size=9.0) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "city"),
    [
        (["八王子市DX推進計画 アクションプラン（令和7年度（2025年度）版）"], "八王子市"),
        (["第2次相模原市ICT総合戦略 実施事業集"], "相模原市"),
        (["第 3 次 町田市 デジタル化推進計画"], "町田市"),
        (["横浜市中期計画 2022～2025"], "横浜市"),
        (["基本方針１：生活の質の向上", "市役所の窓口に行くことなく", "発行／神奈川県藤沢市"], "藤沢市"),
        (["デジタル推進計画 令和6年度版", "編集：世田谷区 DX推進担当課"], "世田谷区"),
    ],
)
def test_city_from_the_title_line_else_the_publisher(texts, city):
    assert find_municipality(lines(*texts)) == city


def test_no_city_printed_gives_none_so_the_manifest_decides():
    assert find_municipality(lines("アクションプラン", "市役所の窓口が便利になる", "市民サービスの向上")) is None
