"""富士市 令和8年度 予算書 (../shared/real/fuji_r8): exact printed values and every check passing.

Values were read from the PDFs with pdfplumber (page numbers are physical, 1-based); a 千円 figure is
stored × 1000.
"""

from __future__ import annotations

import pytest

from parsers.parse import parse_pdf
from tests.documents.budget_book.helpers import Parsed, parse_file

pytestmark = pytest.mark.real
DETAIL = "歳入歳出予算事項別明細書"


@pytest.fixture(scope="module")
def fuji(real_dir):
    cache: dict[str, Parsed] = {}

    def load(name: str) -> Parsed:
        if name not in cache:
            cache[name] = parse_file(real_dir / "fuji_r8" / name)
        return cache[name]

    return load


def test_shitei_kan_and_kou_totals(fuji):
    book = fuji("歳入_01款_市税.pdf")
    kan = book.line("市税")
    assert (kan.level, kan.code, kan.side, kan.page) == ("款", "1", "歳入", 1)
    assert book.yen(kan) == {"本年度": 49_286_300_000}  # p.1 `１款 市税 49,286,300千円`
    kou = book.line("市税", "市民税")  # p.1 計 row `18,719,000 18,420,900 298,100`
    assert book.yen(kou) == {"本年度": 18_719_000_000, "前年度": 18_420_900_000, "比較": 298_100_000}
    kei = book.line("市税", "軽自動車税")  # p.2 計 row with a negative 比較
    assert book.yen(kei) == {"本年度": 896_700_000, "前年度": 941_600_000, "比較": -44_900_000}


def test_shitei_moku_setsu_and_setsumei(fuji):
    book = fuji("歳入_01款_市税.pdf")
    hojin = book.line("市税", "市民税", "法人")  # p.1 `2 法人 2,515,500 2,580,200 △64,700`
    assert book.yen(hojin) == {"本年度": 2_515_500_000, "前年度": 2_580_200_000, "比較": -64_700_000}
    amount = next(a for a in book.amounts_of(hojin) if a.measure == "比較")
    assert (amount.raw_text, amount.page, amount.column_label, amount.row_label) == ("△64,700", 1, "比較", "2 法人")
    assert amount.table_name == DETAIL and amount.stage == "予算" and amount.unit == "千円"
    setsu = [line for line in book.lines if line.parent_line_id == book.line("市税", "市民税", "個人").line_id]
    assert [(s.level, s.code, s.name) for s in setsu if s.level == "節"] == [
        ("節", "1", "現年課税分"),
        ("節", "2", "滞納繰越分"),
    ]
    assert book.yen(setsu[0]) == {"金額": 16_084_000_000}
    kinto = book.line("市税", "市民税", "個人", "現年課税分", "均等割")  # 説明 item under 説明 現年課税分
    assert book.yen(kinto) == {"金額": 399_000_000}
    assert kinto.note == "調定見込額 404,000×98.9％"  # a calculation note stays text on its line


def test_gikai_funding_saisetsu_and_setsumei(fuji):
    book = fuji("歳出_01款_議会費.pdf")
    moku = book.line("議会費", "議会費", "議会費")  # p.1 `1 議会費 488,451 499,446 △10,995 1,013 487,438`
    assert moku.side == "歳出"
    assert book.yen(moku) == {
        "本年度": 488_451_000,
        "前年度": 499_446_000,
        "比較": -10_995_000,
        "その他": 1_013_000,
        "一般財源": 487_438_000,
    }
    teate = book.line("議会費", "議会費", "議会費", "職員手当等")
    assert (teate.code, book.yen(teate)) == ("3", {"金額": 126_760_000})
    assert book.yen(book.line("議会費", "議会費", "議会費", "職員手当等", "管理職手当")) == {"金額": 1_925_000}
    member = book.line("議会費", "議会費", "議会費", "給与費", "市議会議員32人")  # name cleaned
    assert (member.code, member.raw_text, book.yen(member)) == ("001", "001 市議会議員 ３２人", {"金額": 352_146_000})


def test_haimoku_without_code_is_a_moku(fuji):
    book = fuji("歳出_05款_労働費.pdf")  # p.3 `勤労者総合 / 福祉センタ / ー費 0 72,993 △72,993 （廃目）`
    moku = book.line("労働費", "労働費", "勤労者総合福祉センター費")
    assert moku.code is None
    assert book.yen(moku) == {"本年度": 0, "前年度": 72_993_000, "比較": -72_993_000}


def test_gaiyo_table1_and_summary(fuji):
    book = fuji("00_概要.pdf")
    assert (book.info.municipality, book.info.title, book.info.fiscal_year_start) == ("富士市", "一般会計予算書", 2026)
    table1 = "第1表 歳入歳出予算"
    kou = book.line("地方特例交付金", "新型コロナウイルス感染症対策地方税減収補塡特別交付金", table=table1)
    assert (kou.page, book.yen(kou)) == (5, {"本年度": 5_000_000})  # name printed over two lines
    assert book.yen(book.line("地方特例交付金", table=table1)) == {"本年度": 458_000_000}
    total = book.line("歳出合計", table=table1)
    assert (total.side, book.yen(total)) == ("歳出", {"本年度": 110_800_000_000})
    somu = [
        a for a in book.records.rows["budget_amounts"] if a.row_label == "2 総務費" and a.table_name.endswith("総括")
    ]
    assert {a.measure: a.amount_yen for a in somu} == {  # p.18 総括 (歳出)
        "本年度": 9_616_154_000,
        "前年度": 9_851_001_000,
        "比較": -234_847_000,
        "国県支出金": 708_832_000,
        "地方債": 479_700_000,
        "その他": 617_915_000,
        "一般財源": 7_809_707_000,
    }
    assert {a.fiscal_year for a in somu} == {2025, 2026}


@pytest.mark.parametrize("name", ["00_概要.pdf", "歳入_01款_市税.pdf", "歳入_19款_繰入金.pdf", "歳出_01款_議会費.pdf"])
def test_every_check_passes(fuji, name):
    book = fuji(name)
    failed = [(c.check_name, c.subject, c.expected, c.actual) for c in book.checks if not c.passed]
    assert book.checks and not failed
    assert not book.records.rows.get("rejects")


def test_parse_pdf_picks_the_family(real_dir):
    path = real_dir / "fuji_r8" / "歳入_02款_地方譲与税.pdf"
    result = parse_pdf(path, "0" * 64)
    assert (result.family, result.status) == ("budget_book", "loaded")
    assert len(result.records.rows["budget_amounts"]) > 0


def test_mismapped_names_are_flagged_and_their_amounts_stay_exact(real_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GYOSEI_REFERENCE_FONTS", str(tmp_path))  # no reference font: the repair cannot run
    parsed = parse_pdf(real_dir / "fuji_r8" / "歳出_01款_議会費.pdf", "e" * 64)  # prints 報酬, extracts 報郸
    assert parsed.text_layer == "mismapped"
    lines = parsed.records.rows["budget_lines"]
    suspect = {line.name for line in lines if line.is_text_suspect}
    assert {"報郸", "議事遀営事業費"} <= suspect
    assert not suspect & {"議会費", "職員手当等", "管理職手当"}
    [gikai] = [line for line in lines if line.level == "目" and line.name == "議会費"]
    amounts = {a.measure: a.amount_yen for a in parsed.records.rows["budget_amounts"] if a.line_id == gikai.line_id}
    assert amounts["本年度"] == 488_451_000


def test_clean_text_layer_flags_nothing(real_dir):
    parsed = parse_pdf(real_dir / "fuji_r8" / "歳入_02款_地方譲与税.pdf", "f" * 64)
    assert parsed.text_layer == "ok"
    assert not any(line.is_text_suspect for line in parsed.records.rows["budget_lines"])


@pytest.mark.parametrize("kept", ["horizontal", "none"])
def test_a_chapter_printed_with_fewer_rules_reads_the_same(fuji, real_dir, kept):
    """労働費 with every vertical rule taken off its pages (books ruled between rows only), or every rule:
    each column ends where its amounts end (set right under a label in the column's middle), a 0.6 pt
    file stamp in the margin is no part of a 目's name, and every amount and check is the ruled pages'."""
    ruled = fuji("歳出_05款_労働費.pdf")
    keep = (lambda rule: rule.orientation == "h") if kept == "horizontal" else (lambda rule: False)
    bare = parse_file(real_dir / "fuji_r8" / "歳出_05款_労働費.pdf", keep_rule=keep)

    def amounts(book: Parsed) -> dict:
        return {(line.level, line.code, line.name): book.yen(line) for line in book.lines}

    assert amounts(bare) == amounts(ruled)
    assert bare.yen(bare.line("労働費", "労働費", "労政費"))["本年度"] == 132_209_000
    assert len(bare.checks) == len(ruled.checks) == 36 and all(c.passed for c in bare.checks)
