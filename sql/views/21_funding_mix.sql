-- funding_mix: one row per project (key: doc_id, project_id): how its plan-year 財源内訳 金額 is funded,
-- 国 / 県 / その他 / 市債 / 一般財源 in integer yen and as shares (%) of 金額. NULL where not printed.
create or replace view funding_mix as
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
plan_rows as (
    select *
    from amounts
    where not regexp_matches(coalesce(row_label, ''), '増.減|差引')
    qualify fiscal_year = max(fiscal_year) over (partition by doc_id, project_id)
),
pivoted as (
    select
        doc_id,
        project_id,
        any_value(fiscal_year) as fiscal_year,
        max(case when measure = '金額' then amount_yen end) as total_yen,
        max(case when measure = '国' then amount_yen end) as national_yen,
        max(case when measure = '県' then amount_yen end) as prefectural_yen,
        max(case when measure = 'その他' then amount_yen end) as other_yen,
        max(case when measure = '市債' then amount_yen end) as bonds_yen,
        max(case when measure = '一般財源' then amount_yen end) as general_revenue_yen
    from plan_rows
    group by doc_id, project_id
),
final as (
    select
        d.municipality,
        p.project,
        p.plan_page,
        v.doc_id,
        v.project_id,
        v.fiscal_year,
        v.total_yen,
        v.national_yen,
        v.prefectural_yen,
        v.other_yen,
        v.bonds_yen,
        v.general_revenue_yen,
        round(100.0 * v.national_yen / nullif(v.total_yen, 0), 1) as national_pct,
        round(100.0 * v.prefectural_yen / nullif(v.total_yen, 0), 1) as prefectural_pct,
        round(100.0 * v.other_yen / nullif(v.total_yen, 0), 1) as other_pct,
        round(100.0 * v.bonds_yen / nullif(v.total_yen, 0), 1) as bonds_pct,
        round(100.0 * v.general_revenue_yen / nullif(v.total_yen, 0), 1) as general_revenue_pct,
        d.status as document_status
    from pivoted as v
    left join projects_ as p on p.doc_id = v.doc_id and p.project_id = v.project_id
    left join documents_ as d on d.doc_id = v.doc_id
)
select * from final
