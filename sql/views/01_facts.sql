-- facts: one row per numeric fact of every family (budget amounts and indicator values), in one long shape.
-- The analyst's entry point and what the acceptance checks read. Money is integer yen (unit '円').
create or replace view facts as
with documents_ as (
    select doc_id, file_name, municipality, doc_family, status from documents
),
projects_ as (
    select doc_id, project_id, name from projects
),
lines_ as (
    select doc_id, line_id, name from budget_lines
),
indicators_ as (
    select doc_id, indicator_id, project_id, name from indicators
),
amounts as (
    select
        a.doc_id, coalesce(p.name, l.name) as project, a.table_name, a.row_label, a.column_label,
        a.measure, a.stage, a.fiscal_year, cast(a.amount_yen as decimal(38, 6)) as value, '円' as unit,
        cast(null as varchar) as qualifier, a.is_redacted, a.raw_text, a.page, a.bbox
    from budget_amounts as a
    left join projects_ as p on p.doc_id = a.doc_id and p.project_id = a.project_id
    left join lines_ as l on l.doc_id = a.doc_id and l.line_id = a.line_id
),
indicator_facts as (
    select
        v.doc_id, p.name as project, v.table_name, coalesce(v.row_label, i.name) as row_label, v.column_label,
        v.role as measure, cast(null as varchar) as stage, v.fiscal_year,
        coalesce(v.value, v.numerator) as value, v.unit, v.qualifier, false as is_redacted,
        v.raw_text, v.page, v.bbox
    from indicator_values as v
    left join indicators_ as i on i.doc_id = v.doc_id and i.indicator_id = v.indicator_id
    left join projects_ as p on p.doc_id = v.doc_id and p.project_id = i.project_id
),
unioned as (
    select * from amounts
    union all by name
    select * from indicator_facts
),
final as (
    select d.municipality, d.doc_family, d.file_name, d.status as document_status, u.*
    from unioned as u
    left join documents_ as d on d.doc_id = u.doc_id
)
select * from final
