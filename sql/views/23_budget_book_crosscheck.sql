-- budget_book_crosscheck: one row per 款 or 項 total of a budget book's 第1表 歳入歳出予算 or 総括
-- (key: doc_id, table_name, side, kan_code, kou_code) against the same 款/項 in the book's 事項別明細書,
-- wherever it was loaded (a book split by 款 is one document per chapter). Chapters are matched on
-- municipality, fiscal year, side and codes, so chapter files need both (printed, or from the manifest).
-- status: 'pass', 'fail' (the amounts differ), 'no chapter' (no current document holds that 款/項).
create or replace view budget_book_crosscheck as
with lines_ as (
    select l.line_id, l.doc_id, l.side, l.level, l.name,
        case when l.level = '款' then l.code else parent.code end as kan_code,
        case when l.level = '項' then l.code end as kou_code
    from current_budget_lines as l
    left join current_budget_lines as parent on parent.line_id = l.parent_line_id
    where l.level in ('款', '項')
),
totals as (
    select a.doc_id, a.page, a.raw_text, a.table_name, a.fiscal_year, a.amount_yen, d.municipality,
        l.side, l.level, l.kan_code, l.kou_code, l.name
    from current_budget_amounts as a
    inner join lines_ as l on l.line_id = a.line_id
    inner join current_documents as d on d.doc_id = a.doc_id
    where a.measure = '本年度'
),
summary as (
    select * from totals
    where table_name in ('第1表 歳入歳出予算', '歳入歳出予算事項別明細書 総括')
),
chapters as (
    select * from totals
    where table_name = '歳入歳出予算事項別明細書'
),
final as (
    select
        s.municipality,
        s.fiscal_year,
        s.table_name,
        s.side,
        s.level,
        s.kan_code,
        s.kou_code,
        s.name,
        s.amount_yen as summary_yen,
        c.amount_yen as chapter_yen,
        case
            when c.doc_id is null then 'no chapter'
            when s.amount_yen is not distinct from c.amount_yen then 'pass'
            else 'fail'
        end as status,
        s.doc_id,
        s.page,
        s.raw_text,
        c.doc_id as chapter_doc_id,
        c.page as chapter_page,
        c.raw_text as chapter_raw_text
    from summary as s
    left join chapters as c
        on c.municipality = s.municipality
        and c.fiscal_year = s.fiscal_year
        and c.side = s.side
        and c.level = s.level
        and c.kan_code = s.kan_code
        and c.kou_code is not distinct from s.kou_code
)
select * from final
