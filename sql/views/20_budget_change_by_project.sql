-- budget_change_by_project: one row per project × 財源内訳 measure (金額, 国, 県, その他, 市債, 一般財源)
-- (key: doc_id, project_id, measure): the plan year's amount, the previous year's, the change computed
-- and the change as printed (増▲減), in integer yen. A redacted or blank figure gives NULL.
create or replace view budget_change_by_project as
with amounts as (
    select doc_id, project_id, measure, fiscal_year, row_label, amount_yen
    from budget_amounts
    where table_name = '財源内訳' and project_id is not null
),
projects_ as (
    select doc_id, project_id, name as project, plan_page from projects
),
documents_ as (
    select doc_id, municipality, status from documents
),
classified as (
    select *, regexp_matches(coalesce(row_label, ''), '増.減|差引') as is_change
    from amounts
),
plan_years as (
    select doc_id, project_id, max(fiscal_year) as fiscal_year
    from classified
    where not is_change
    group by doc_id, project_id
),
pivoted as (
    select
        c.doc_id,
        c.project_id,
        c.measure,
        y.fiscal_year,
        max(case when not c.is_change and c.fiscal_year = y.fiscal_year then c.amount_yen end) as amount_yen,
        max(case when not c.is_change and c.fiscal_year = y.fiscal_year - 1 then c.amount_yen end)
            as previous_amount_yen,
        max(case when c.is_change then c.amount_yen end) as printed_change_yen
    from classified as c
    inner join plan_years as y on y.doc_id = c.doc_id and y.project_id = c.project_id
    group by c.doc_id, c.project_id, c.measure, y.fiscal_year
),
final as (
    select
        d.municipality,
        p.project,
        p.plan_page,
        v.doc_id,
        v.project_id,
        v.measure,
        v.fiscal_year,
        v.amount_yen,
        v.previous_amount_yen,
        v.amount_yen - v.previous_amount_yen as change_yen,
        v.printed_change_yen,
        round(100.0 * (v.amount_yen - v.previous_amount_yen) / nullif(v.previous_amount_yen, 0), 1) as change_pct,
        d.status as document_status
    from pivoted as v
    left join projects_ as p on p.doc_id = v.doc_id and p.project_id = v.project_id
    left join documents_ as d on d.doc_id = v.doc_id
)
select * from final
