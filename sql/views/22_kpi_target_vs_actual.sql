-- kpi_target_vs_actual: one row per indicator × fiscal_year (key: indicator_id, fiscal_year), current
-- documents only: the printed target (else the target derived as actual − delta, flagged), the actual,
-- the printed delta, the recomputed delta, the status tag (達成 / 未達成) and whether they agree.
create or replace view kpi_target_vs_actual as
with documents_ as (
    select doc_id, municipality, doc_family, title from documents where status <> 'superseded'
),
indicators_ as (
    select doc_id, indicator_id, project_id, name as indicator_name from indicators
),
projects_ as (
    select doc_id, project_id, name as project_name, code as project_code from projects
),
values_ as (
    select * from indicator_values where fiscal_year is not null and role in ('target', 'actual', 'delta')
),
per_year as (
    select
        doc_id, indicator_id, fiscal_year,
        max(value) filter (where role = 'target' and coalesce(qualifier, '') <> 'derived') as target_printed,
        max(value) filter (where role = 'target' and qualifier = 'derived') as target_derived,
        max(text) filter (where role = 'target') as target_text,
        max(unit) filter (where role in ('target', 'actual')) as unit,
        max(value) filter (where role = 'actual') as actual,
        max(text) filter (where role = 'actual') as actual_text,
        max(value) filter (where role = 'delta') as delta_printed,
        max(status) filter (where role = 'actual') as status,
        count(*) filter (where role = 'actual') as actual_values
    from values_
    group by doc_id, indicator_id, fiscal_year
),
final as (
    select
        d.municipality, d.doc_family, d.title, y.doc_id, p.project_code, p.project_name,
        y.indicator_id, i.indicator_name, y.fiscal_year,
        coalesce(y.target_printed, y.target_derived) as target,
        y.target_printed is null and y.target_derived is not null as is_target_derived,
        y.target_text, y.actual, y.actual_text, y.unit, y.delta_printed,
        y.actual - coalesce(y.target_printed, y.target_derived) as delta_computed,
        y.status,
        case
            when y.status is null or y.delta_printed is null then null
            else (y.status = '達成') = (y.delta_printed >= 0)
        end as is_status_consistent
    from per_year as y
    inner join documents_ as d on d.doc_id = y.doc_id
    left join indicators_ as i on i.doc_id = y.doc_id and i.indicator_id = y.indicator_id
    left join projects_ as p on p.doc_id = y.doc_id and p.project_id = i.project_id
)
select * from final
