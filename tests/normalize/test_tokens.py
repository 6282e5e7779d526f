"""Tests of tokenize: Sudachi core dictionary, offsets, long text under the 49 KB limit."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from parsers.normalize import NormalizationError, path_cost, tokenize
from parsers.normalize.tokens import MAX_CHUNK_BYTES, _tokenizer


def test_tokens_have_surface_normalized_form_and_pos():
    toks = tokenize("手続オンライン化の一人ひとり")
    assert [t.surface for t in toks][:2] == ["手続", "オンライン"]
    assert toks[0].normalized_form == "手続き"
    assert toks[0].part_of_speech[0] == "名詞"
    assert toks[-1].normalized_form == "一人一人"


def test_numerals_are_joined_and_normalised():
    toks = tokenize("三千五百万円")
    assert (toks[0].surface, toks[0].normalized_form, toks[0].part_of_speech[1]) == ("三千五百万", "35000000", "数詞")


def test_offsets_point_into_the_text():
    text = "生成AIの活用 と DX推進課"
    for t in tokenize(text):
        assert text[t.begin : t.end] == t.surface


def test_long_text_is_split_under_the_limit():
    sentence = "横浜市はデジタル区役所の推進に取り組みます。"
    text = sentence * (3 * MAX_CHUNK_BYTES // len(sentence.encode()))
    toks = tokenize(text)
    assert "".join(t.surface for t in toks) == text
    assert all(text[t.begin : t.end] == t.surface for t in toks[-50:])


def test_one_very_long_sentence_is_cut_anyway():
    text = "あ" * 40_000  # 120 KB, no sentence end
    assert "".join(t.surface for t in tokenize(text)) == text


def test_one_tokenizer_per_thread():
    tokenize("テスト")
    assert _tokenizer() is _tokenizer()
    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(_tokenizer).result()
    assert other is not _tokenizer()


@pytest.mark.parametrize("bad", ["a\ud800b", None, 5])
def test_bad_input_raises_normalization_error(bad):
    with pytest.raises(NormalizationError):
        tokenize(bad)


def test_empty_text():
    assert tokenize("") == []


@pytest.mark.parametrize(
    ("plain", "odd"),
    [("その他", "その龍"), ("本年度", "本隼度"), ("給料", "給科"), ("第1表", "箪1表"), ("一般財源", "―般財源")],
)
def test_the_plausible_reading_of_look_alikes_costs_less(plain, odd):
    """Both readings of `その他` / `その龍` segment into dictionary words; only the cost tells them apart."""
    assert path_cost(plain) < path_cost(odd)
    assert path_cost("") == 0
