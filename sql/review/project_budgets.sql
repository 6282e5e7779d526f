-- project_budgets: one row per municipality × project × fiscal year (key: municipality, project,
-- fiscal_year): the project's budget (予算) in integer yen, from the current documents' 財源内訳 金額 or
-- 歳出予算 事業費 (the same amount printed in several documents or tables is counted once).
with amounts as (
    select a.doc_id, a.project_id, a.fiscal_year, a.amount_yen
    from current_budget_amounts as a
    where a.project_id is not null
        and a.stage = '予算'
        and a.measure in ('金額', '事業費')
        and a.table_name in ('財源内訳', '歳出予算')
        and a.fiscal_year is not null
        and not regexp_matches(coalesce(a.row_label, ''), '増.減|差引')
),
final as (
    select d.municipality, p.name as project, a.fiscal_year, max(a.amount_yen) as amount_yen
    from amounts as a
    inner join current_projects as p on p.doc_id = a.doc_id and p.project_id = a.project_id
    inner join current_documents as d on d.doc_id = a.doc_id
    group by all
)
select * from final order by municipality, project, fiscal_year
