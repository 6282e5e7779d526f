"""Tests of clean_text on text fields of the seeds: width folding, split words, HTML, no NFKC."""

import pytest

from parsers.normalize import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("D X プロモーション事業", "DXプロモーション事業"),  # Y0 L212
        ("D X 基盤課", "DX基盤課"),
        ("D X実証・調査", "DX実証・調査"),
        ("横浜D X戦略", "横浜DX戦略"),
        ("生成 A I の活用・研究", "生成AIの活用・研究"),  # S L64
        ("国産生成A I の共同検証", "国産生成AIの共同検証"),  # S L237
        ("図書館 DX の推進", "図書館DXの推進"),
        ("ICT-BCP の推進", "ICT-BCPの推進"),
        ("体験参加によりデジ タルへの関心が上が った者の割合", "体験参加によりデジタルへの関心が上がった者の割合"),
        ("区 分", "区分"),
        ("令和4年度DX推進研修受講者数 2, 800人", "令和4年度DX推進研修受講者数2,800人"),
        ("OSS（Open Source Software）を用いた防災マップの公開", "OSS（Open Source Software）を用いた防災マップの公開"),
        ("全庁向けの広範囲なＤＸ関連研修", "全庁向けの広範囲なDX関連研修"),
        ("ＡＩ－ＯＣＲ、ＲＰＡ", "AI－OCR、RPA"),  # full-width minus survives (jaconv/neologdn trap)
        ("住宅のＩoＴ化", "住宅のIoT化"),
        ("令和２年度", "令和2年度"),
        ("β´モデル移行完了", "β´モデル移行完了"),  # NFKC would break β´
        ("①教科に関する調査、 ②生活・学習意識調査", "①教科に関する調査、②生活・学習意識調査"),
        ("～市民視点の人にやさしいＤＸ～", "～市民視点の人にやさしいDX～"),
        ("令和9(2027)年3月〜9月", "令和9(2027)年3月〜9月"),
        ("補助件数\u3000５件/年", "補助件数5件/年"),
        ("<p>・人材確保については</p>", "・人材確保については"),
        ("<背景>現状<課題の分析>", "<背景>現状<課題の分析>"),
        ("‹背景>テキスト", "‹背景>テキスト"),
        ("<令和5年度> 185件", "<令和5年度> 185件"),  # both neighbours ASCII: kept
        ('<ul style="list-style-type: none">・a・b', "・a・b"),
        ('<input type="checkbox"/> 新規 <input checked="" type="checkbox"/> 拡充', "□新規■拡充"),
        ("□ 新規 ■ 拡充", "□新規■拡充"),
        ("a &amp; b", "a & b"),
        ("X 568人、YouTube 730人", "X 568人、YouTube 730人"),
        ("e ラーニング", "eラーニング"),
        ("一行目\n\n\n\n二行目", "一行目\n\n二行目"),
        ("", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean
