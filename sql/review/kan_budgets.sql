-- kan_budgets: one row per municipality × side (歳入/歳出) × 款 × fiscal year (key: those four) of the
-- current budget books' 事項別明細書: the 款 total in integer yen, this year's 本年度 and the 前年度
-- printed beside it (which is the previous fiscal year's budget).
with kan as (
    select doc_id, line_id, side, code, name from current_budget_lines where level = '款'
),
amounts as (
    select a.doc_id, a.line_id, a.fiscal_year, a.measure, a.amount_yen
    from current_budget_amounts as a
    where a.table_name = '歳入歳出予算事項別明細書' and a.measure in ('本年度', '前年度')
),
final as (
    select d.municipality, k.side, k.code, k.name as kan, a.fiscal_year,
        -- a year printed as 本年度 in its own book beats the same year printed as 前年度 in the next one
        coalesce(max(a.amount_yen) filter (where a.measure = '本年度'), max(a.amount_yen)) as amount_yen
    from amounts as a
    inner join kan as k on k.doc_id = a.doc_id and k.line_id = a.line_id
    inner join current_documents as d on d.doc_id = a.doc_id
    group by all
)
select * from final order by municipality, side, try_cast(code as integer), code, fiscal_year
