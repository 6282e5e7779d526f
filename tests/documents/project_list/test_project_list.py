"""Project lists (issue #13): one row per project, read by its header's meaning, ruled or not, in any
column order; 南国市's 主な新規事業 / 主な継続事業 with the values printed in them (千円 × 1000 = yen)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from parsers.documents.project_list import FAMILY
from parsers.documents.registry import classify_family
from parsers.parse import NO_HINTS
from parsers.pdf.model import Word
from parsers.pdf.page import page_to_model
from sample_docs.pdfkit import HORIZONTAL, ruling
from schemas.collect import RecordSet
from tests.documents.project_list.render import RULED, UNRULED, render


@dataclasses.dataclass
class Parsed:
    info: object
    records: RecordSet

    @property
    def projects(self):
        return self.records.rows["projects"]

    def project(self, code: str):
        (found,) = [p for p in self.projects if p.code == code]
        return found

    def yen(self, code: str) -> dict[tuple[str, int], int | None]:
        pid = self.project(code).project_id
        return {
            (a.measure, a.fiscal_year): a.amount_yen for a in self.records.rows["budget_amounts"] if a.project_id == pid
        }

    def checks(self) -> Counter:
        return Counter((c.check_name, c.passed) for c in self.records.rows["checks"])


def _pages(path: Path):
    with pdfplumber.open(path) as pdf:
        return [page_to_model(page) for page in pdf.pages]


def _parse(pages, doc_id: str = "0" * 64) -> Parsed:
    assert FAMILY.detect(pages)
    records = RecordSet(doc_id)
    return Parsed(FAMILY.parse(pages, records, NO_HINTS), records)


def _facts(book: Parsed):
    """What a rendering prints, independent of layout: per project its fields and amounts."""
    texts = {t.project_id: t.text for t in book.records.rows["project_texts"]}
    return {
        p.code: (p.name, tuple(p.departments), p.account_code, p.category, texts[p.project_id], book.yen(p.code))
        for p in book.projects
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("project_list")
    out = {
        name: _parse(_pages(render(folder / f"{name}.pdf", layout)))
        for name, layout in (("unruled", UNRULED), ("ruled", RULED))
    }
    with ruling(HORIZONTAL):
        out["horizontal"] = _parse(_pages(render(folder / "horizontal.pdf", RULED)))
    return out


def test_horizontal_rules_only_read_the_same(rendered):
    """Issue #14: the ruled list with its vertical rules left out reads as with them."""
    assert _facts(rendered["horizontal"]) == _facts(rendered["ruled"])
    assert rendered["horizontal"].checks() == rendered["ruled"].checks()
    assert not rendered["horizontal"].records.rows["rejects"]


def test_renderings_in_other_layouts_read_the_same(rendered):
    unruled, ruled = rendered["unruled"], rendered["ruled"]
    assert _facts(unruled) == _facts(ruled)
    assert unruled.info.fiscal_year_start == 2024 and unruled.info.title == "令和６年度当初予算主な継続事業"
    first = _facts(unruled)["1"]
    assert first[:5] == (
        "電子市役所推進事業費（窓口キャッシュレス化）",
        ("情報政策課",),
        "2.1.1",
        "継続事業",
        "窓口でのキャッシュレス決済を\n全庁に広げる。",
    )
    assert first[5] == {
        ("事業費", 2023): 12_000_000,
        ("事業費", 2024): 15_500_000,
        ("増減", 2024): 3_500_000,
        ("国", 2024): 5_000_000,
        ("その他", 2024): 500_000,
        ("一般財源", 2024): 10_000_000,
    }
    assert _facts(unruled)["2"][1] == ("子育て支援課",)  # `子育て支援` / `課` is one 課
    # one row naming two budget items: each name beside its own 款項目 and 主管課
    assert _facts(unruled)["3"][:3] == (
        "地域振興事業費（公民館助成）、公民館管理費（公民館整備費）",
        ("企画課", "生涯学習課"),
        "2.1.8、10.5.2",
    )


def test_every_check_passes_and_a_missing_total_is_not_run(rendered):
    unruled, ruled = rendered["unruled"], rendered["ruled"]
    # the unruled list prints a 合計 row: each of its 8 figures = Σ rows
    assert unruled.checks() == {
        ("project_list_funding", True): 3,
        ("project_list_change", True): 3,
        ("project_list_total", True): 8,
    }
    assert ruled.checks() == {
        ("project_list_funding", True): 3,
        ("project_list_change", True): 3,
        ("project_list_total", None): 1,
    }
    assert not unruled.records.rows["rejects"] and not ruled.records.rows["rejects"]


def _replace_word(pages, old: str, new: str, nth: int = 0):
    """The pages with the `nth` word reading `old` read as `new` (same box)."""
    seen, out = 0, []
    for page in pages:
        words = []
        for word in page.words:
            if word.text == old:
                if seen == nth:
                    word = Word(new, word.bbox, word.size)
                seen += 1
            words.append(word)
        out.append(dataclasses.replace(page, words=tuple(words)))
    assert seen > nth, f"no {old!r} number {nth}"
    return out


def test_a_misprinted_source_fails_the_funding_check(tmp_path):
    pages = _pages(render(tmp_path / "list.pdf", RULED))
    book = _parse(_replace_word(pages, "5,000", "5,500"))  # project 1's 国
    failed = [c for c in book.records.rows["checks"] if c.passed is False]
    assert [(c.check_name, c.expected, c.actual) for c in failed] == [("project_list_funding", 15_500_000, 16_000_000)]
    assert failed[0].subject.startswith("1 電子市役所推進事業費")


@pytest.fixture(scope="module")
def nankoku(real_dir):
    folder = real_dir / "nankoku"
    if not folder.exists():
        pytest.skip(f"南国市's project lists are not in {folder}")

    def load(name: str) -> Parsed:
        path = folder / name
        return _parse(_pages(path), hashlib.sha256(path.read_bytes()).hexdigest())

    return load


def test_nankoku_new_projects(nankoku):
    book = nankoku("nankoku_r4_shinki_jigyo.pdf")
    assert (book.info.title, book.info.fiscal_year_start) == ("Ｒ４年度当初予算に計上した主な新規事業", 2022)
    assert [p.code for p in book.projects] == [str(n) for n in range(1, 20)]
    first = book.project("1")
    assert (first.name, first.department, first.account_code, first.page) == (
        "電子自治体推進事業費（ホームページＳＮＳ連携機能追加業務委託料）",
        "情報政策課",
        "2.1.1",
        1,
    )
    assert book.yen("1") == {("事業費", 2022): 1_056_000, ("一般財源", 2022): 1_056_000}
    assert book.yen("11") == {("事業費", 2022): 25_993_000, ("地方債", 2022): 23_300_000, ("一般財源", 2022): 2_693_000}
    assert book.project("10").department == "保健福祉センター"  # `保健福祉セン` / `ター`
    eighteen = book.project("18")  # one row, two budget items (企画課 2.1.8 and 生涯学習課 １０。５．２)
    assert (eighteen.departments, eighteen.account_code) == (["企画課", "生涯学習課"], "2.1.8、10.5.2")
    assert eighteen.name == "地域振興事業費（立田公民館助成）、公民館管理費（立田公民館整備費）"
    assert book.yen("18") == {
        ("事業費", 2022): 57_666_000,
        ("地方債", 2022): 6_100_000,
        ("その他", 2022): 15_000_000,
        ("一般財源", 2022): 36_566_000,
    }
    assert book.checks() == {("project_list_funding", True): 19, ("project_list_total", None): 1}
    assert not book.records.rows["rejects"]


def test_nankoku_continued_projects(nankoku):
    book = nankoku("nankoku_r4_keizoku_jigyo.pdf")
    assert [p.code for p in book.projects] == [str(n) for n in range(1, 28)]
    assert book.project("10").department == "子育て支援課"  # `子育て支援` / `課`
    assert book.yen("24") == {
        ("事業費", 2021): 56_819_000,
        ("事業費", 2022): 98_325_000,
        ("増減", 2022): 41_506_000,
        ("国", 2022): 1_120_000,
        ("県", 2022): 20_992_000,
        ("地方債", 2022): 17_500_000,
        ("その他", 2022): 55_169_000,
        ("一般財源", 2022): 3_544_000,
    }
    assert book.yen("21")[("増減", 2022)] == -172_297_000  # `△ 172,297`
    assert (book.project("27").name, book.project("27").page) == ("体育施設管理運営費", 3)
    texts = {t.project_id: t for t in book.records.rows["project_texts"]}
    assert texts[book.project("2").project_id].text == "定年退職者4名（前年11名、特別職3名）。"
    assert book.checks() == {
        ("project_list_funding", True): 27,
        ("project_list_change", True): 27,
        ("project_list_total", None): 1,
    }
    assert not book.records.rows["rejects"]


def test_the_lists_are_recognised_among_all_families(nankoku, real_dir):
    for name in ("nankoku_r4_shinki_jigyo.pdf", "nankoku_r4_keizoku_jigyo.pdf"):
        assert classify_family(_pages(real_dir / "nankoku" / name)).name == "project_list"
    assert classify_family(_pages(real_dir / "nankoku" / "nankoku_r8_kokuho_yosan.pdf")).name == "budget_book"
