"""八王子市 DX推進計画 アクションプラン (令和7年度（2025年度）版): a reconstructed subset as data.

Source: /work/shared/seeds/hachioji_dx_action_plan_2024.txt (line numbers in comments) and
seed-notes/sagamihara_and_hachioji.md §1.2, §3.2. The seed is a layout-free dump (cells broken over
lines, tables printed bottom-up), so cells are re-joined here; digits stay as printed, full-width and
mixed (`４0％`, `＋６%`), and `▲`, `【達成】`, `【未達成】`, `【新】`, `（2015年度）` are kept.

Covered: the 令和6年度 進捗 table; 基本方針1 施策➀ (its 施策 page and 7 of its 19 事業: 1-1-1…1-1-5 and
【新】一時預かりWEB予約システム with KPI tables, 宅地開発 as a compact block); from 基本方針2 the
施策③ 防犯 KPI row; from 基本方針3 the 施策④ AI・RPA page (the other 施策 pages of 基本方針2 and 3,
and the whole 施策③ page, are in `hachioji_policy2_3.py`). 管理番号 of 1-1-3/1-1-4/1-1-5, 1-1-13 and
1-1-15 are inferred from the 実施内容 labels (the seed prints the lower table first).
"""
# ruff: noqa: E501  (transcribed strings are kept whole)

from __future__ import annotations

from dataclasses import dataclass

TITLE = "八王子市DX推進計画 アクションプラン（令和7年度（2025年度）版）"
YEARS = (
    ("令和4年度", "(2022年度）"),
    ("令和5年度", "（2023年度）"),
    ("令和6年度", "（2024年度）"),
    ("令和7年度", "（2025年度）"),
)  # mixed ASCII / full-width parentheses as printed (L820–830)

PROGRESS_TITLE = "７ 令和6年度（2024年度）の進捗状況"  # L582
PROGRESS_HEADER = ("基本方針", "目標ＫＰＩ\n設定事業件数", "達成", "未達成", "一部\n未達成", "達成率")
PROGRESS_ROWS = (  # L595–601
    ("（１）生活の質の向上", "44件", "37件", "7件", "0件", "84.1％"),
    ("（２）地域課題の解消", "29件", "20件", "7件", "2件", "69.0％"),
    ("（３）行政の業務刷新", "39件", "37件", "1件", "1件", "94.9％"),
    ("合計", "112件", "94件", "15件", "3件", "83.9％"),
)
PROGRESS_TEXT = (
    "アクションプランで定めた各事業の目標KPIの令和6年度（2024年度）の達成率は、全体で83.9％であり、概ね順調に進捗しています。",
)


@dataclass(frozen=True)
class KpiRow:
    """One 施策-page row: sub-theme label and its 目標/ＫＰＩ cell per year (R4..R7)."""

    label: str
    cells: tuple[str, str, str, str]


@dataclass(frozen=True)
class MeasurePage:
    """A 施策 page: banner, title, 目標・KPI matrix, 備考/参考 and the （１）–（３） text."""

    banner: str
    title: str
    rows: tuple[KpiRow, ...]
    remarks: tuple[str, ...] = ()
    purpose: str = ""
    direction: tuple[str, ...] = ()
    contents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    """A 事業 with a KPI table: 取組内容 and 目標・KPI per year (R4..R7). R4–R6 cells are evaluated
    actuals (`【達成】/【未達成】 … （対目標：±x）`), the R7 cell is the target."""

    item: str
    mgmt_no: str
    name: str
    dept: str
    content: str
    purpose: str
    actions: tuple[str, str, str, str]
    kpis: tuple[str, str, str, str]
    years: tuple[tuple[str, str], ...] = YEARS
    remark: str = ""


@dataclass(frozen=True)
class CompactProject:
    """A 事業 without a KPI table (構想段階): name, 担当, 事業内容, 目的."""

    item: str
    mgmt_no: str
    name: str
    dept: str
    content: str
    purpose: str


@dataclass(frozen=True)
class MeasureSection:
    """A 施策 as the plan prints it: its 施策 page, then its 事業 with KPI tables (two per page) in 管理番号
    order, then its compact 事業 blocks."""

    page: MeasurePage
    projects: tuple[Project, ...]
    compacts: tuple[CompactProject, ...] = ()


POLICY1 = "基本方針１：生活の質の向上 ～市民視点の人にやさしいＤＸ～"  # L692

MEASURE_1_1 = MeasurePage(
    POLICY1,
    "施策➀ 行政手続のオンライン化",
    (
        KpiRow(
            "オンライン申請",
            (
                "年間1,000件以上の\n手続の30％を\nオンライン申請化",
                "年間1,000件以上の\n手続の60％を\nオンライン申請化",
                "年間1,000件以上の\n手続の80％を\nオンライン申請化",
                "法的に対応できない\n場合等を除き原則\nオンライン申請化",
            ),
        ),  # L625–642
        KpiRow(
            "オンライン納付",
            (
                "オンライン納付の\n運用方針検討",
                "納付書による収納\n3％減\n（対R３年度）",
                "納付書による収納\n5％減\n（対R３年度）",
                "納付書による収納\n8％減\n（対R３年度）",
            ),
        ),  # L674–690
    ),
    (
        "オンライン申請・納付とシステムの連携による業務合理化も推進",
        "参考：令和３年度（2021年度）オンライン申請化率 228件/3,018件 うち年1,000件以上 24件/141件",
    ),  # L658–672
    "行政手続を市役所の窓口に行くことなく、いつでもどこでもスマートフォン等からオンラインで行うことができるようになっています",
    (
        "①申請件数の多い手続から順次オンライン化を推進します （申請件数が年間1,000件以上の手続（141手続）は全体申請件数（136万7千件）の約９０％）",
        "②申請の受付・審査・決裁・通知までの一貫したデジタル化による事務合理化を進めます",
    ),
    (
        "①申請のオンライン化 ②オンライン納付の推進 を中心に、来庁を不要とする市役所を実現します",
        "ライフイベント単位での手続を考慮し、一括でオンライン申請が可能な仕組みを目指します",
        "令和７年度（2025年度）のシステム標準化等、システム更新スケジュールとリンクした導入を進めます",
        "本人認証が必要なオンライン手続については、マイナンバーカードを活用します",
    ),
)

_ITEM1 = "①申請のオンライン化"
_ITEM2 = "②オンライン納付の推進"
PROJECTS_1_1 = (
    Project(  # L834–874
        _ITEM1,
        "1-1-1",
        "オンライン申請推進のサポート",
        "デジタル推進課",
        "全庁的なオンライン申請化のサポートを行う",
        "市民にも職員にも、「簡単で、わかりやすく、使いやすい」オンライン申請を構築・運用し、導入を促進する",
        ("【実施】", "【実施】", "【実施】【改善】", "【実施】"),
        (
            "【未達成】\n年間1,000件以上の手続のオンライン申請化率：19.9％\n（対目標：▲10.1％）",
            "【未達成】\n年間1,000件以上の手続のオンライン申請化率：24.8％\n（対目標：▲35.2％）",
            "【未達成】\n年間1,000件以上の手続のオンライン申請化率：28.7％\n（対目標：▲51.3％）",
            "手続のフロー上、オンライン申請化が妥当な手続全てについて原則オンライン申請化する",
        ),
    ),
    Project(  # L777–818
        _ITEM1,
        "1-1-2",
        "就学手続のオンライン申請化",
        "学務課",
        "就学手続のオンライン申請化を推進する",
        "就学手続のオンライン申請化を進め、保護者の利便性向上を図る",
        ("【実施】", "【実施】【改善】", "【実施】【改善】", "【実施】【改善】"),
        (
            "【達成】\n就学手続における\nオンライン申請導入率\n5%\n（対目標：±0％）",
            "【達成】\n就学手続における\nオンライン申請導入率\n5%\n（対目標：±0％）",
            "【達成】\n就学手続における\nオンライン申請導入率\n10%\n（対目標：±0％）",
            "就学手続における\nオンライン申請導入率\n20%",
        ),
    ),
    Project(  # L963–1002
        _ITEM1,
        "1-1-3",
        "学童保育所入所手続のオンライン申請化",
        "放課後児童支援課",
        "学童保育所入所手続をオンライン申請化するとともに、申請内容をRPAにより学童保育システムへ入力",
        "保護者の利便性を向上させるとともに、より一層の学童保育所入所事務の効率化を図る",
        ("【運用開始】", "【実施】【改善】", "【実施】", "【実施】"),
        (
            "【達成】\n入所申請の\nオンライン化を実施",
            "【未達成】\n初年度の結果を分析し、\n入所申請件数全体の\n30％をオンライン申請に\n置き換える。\n電子申請利用率　22.4％\n（対目標：▲7.6％）",
            "【達成】\n入所申請件数全体の\nオンライン申請率\n電子申請利用率\n39.4％\n（対目標：＋4.4％）",
            "入所申請件数全体の\nオンライン申請率\n４0％",
        ),
    ),
    Project(  # L915–947; the 取組内容 year boundaries are inferred from the line breaks
        _ITEM2,
        "1-1-4",
        "地方税統一QRコードの利活用推進",
        "収納課",
        "納付書への地方税統一QRコードの記載及び納付情報管理・公金化への対応",
        "業務効率化及び市民・企業の利便性向上を図る",
        ("【調達】\n【運用検討】", "【運用開始】\n【目標達成】", "【改善】", "【改善】"),
        (
            "【達成】\nシステムの改修済、\n運用方法の検討済",
            "【達成】\nQRコード付納付書の\n発送　運用開始",
            "【達成】\n運用結果に基づいた\n検証・改善",
            "電子納付率\n7.5％",
        ),
    ),
    Project(  # L1108–1150: two KPIs per year
        _ITEM2,
        "1-1-5",
        "粗大ごみ収集・持込業務のオンライン申請化推進",
        "ごみ総合相談センター",
        "粗大ごみ収集・持込のインターネット受付比率向上及び収集手数料のオンライン決済化",
        "ごみ等の収集運搬に係る市民からの問合せ等をオンライン申請化することにより、利便性向上を図る",
        ("【導入】", "【運用】", "【運用】", "【運用】"),
        (
            "【未達成】\nインターネット受付比率\n49.5%（対目標：▲0.5％）\n【達成】\nオンライン決済の件数比率\n36.8%（対目標：+6.8％）",
            "【未達成】\nインターネット受付比率\n52.1％(対目標:▲0.4％)\n【達成】\nオンライン決済の件数比率\n40.2％(対目標:+2.2％)",
            "【達成】\nインターネット受付比率\n61%（対目標：＋６%）\nオンライン決済の件数比率\n45%（対目標：＋3%）",
            "インターネット受付比率\n63%\nオンライン決済の件数比率\n47%",
        ),
    ),
    Project(  # L1602–1640: 【新】 and the era/western conflict 令和5年度（2015年度）
        _ITEM1,
        "1-1-13",
        "【新】一時預かりWEB予約システム",
        "子どもの教育・保育推進課",
        "一時・休日・年末保育を利用するための申込のオンライン化",
        "市民サービスの向上及び保育事業者の事務効率化",
        ("-", "-", "【実施】", "【実施】"),
        (
            "-",
            "-",
            "【達成】\n一部手続の\nオンライン化を実施\n（手続種類\n24種中1種）",
            "手続単位の導入率\n20％",
        ),
        years=(YEARS[0], ("令和5年度", "（2015年度）"), YEARS[2], YEARS[3]),
    ),
)

COMPACT_1_1 = (
    CompactProject(  # L1688–1695
        _ITEM1,
        "1-1-15",
        "宅地開発等におけるオンライン申請化",
        "開発指導課",
        "宅地開発等に係る届出のオンライン化を推進",
        "宅地開発指導要綱、集合住宅等建築指導要綱等に関する対面手続の効率化及び利便性向上を図る",
    ),
)

POLICY3_PAGE = MeasurePage(  # L9756–9800, cell order restored (seed-notes §3.2 C)
    "基本方針３：行政の業務刷新 ～地域・現場から考える組織に～",
    "施策④ AI・RPAの利用促進",
    (
        KpiRow(
            "BPRの実施\nデジタル技術の活用",
            (
                "業務改善による\n業務時間削減\n5,440時間",
                "業務改善による\n業務時間削減\n6,120時間",
                "業務改善による\n業務時間削減\n6,800時間",
                "業務改善による\n業務時間削減\n7,480時間",
            ),
        ),
    ),
)
