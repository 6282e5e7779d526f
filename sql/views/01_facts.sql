-- facts: one row per numeric fact of every family (budget amounts, indicator values, figures read from
-- text, project start years), in one long shape. The analyst's entry point and what the acceptance checks
-- read. Money is integer yen (unit '円'). `source` says where a fact was printed: 'table' (a table cell),
-- 'text' (a figure in prose: `context` holds its sentence) or 'project' (a project attribute). Budget
-- amounts also say how sure OCR was of them (`confidence`, NULL when read from a text layer) and whether
-- a cross-check they take part in fails (`in_failing_check`).
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
        cast(null as varchar) as qualifier, a.is_redacted, a.raw_text, a.page, a.bbox, 'table' as source,
        a.confidence, a.in_failing_check
    from budget_amounts as a
    left join projects_ as p on p.doc_id = a.doc_id and p.project_id = a.project_id
    left join lines_ as l on l.doc_id = a.doc_id and l.line_id = a.line_id
),
indicator_facts as (
    select
        v.doc_id, p.name as project, v.table_name, coalesce(v.row_label, i.name) as row_label, v.column_label,
        v.role as measure, cast(null as varchar) as stage, v.fiscal_year,
        coalesce(v.value, v.numerator) as value, v.unit, v.qualifier, false as is_redacted,
        v.raw_text, v.page, v.bbox, 'table' as source
    from indicator_values as v
    left join indicators_ as i on i.doc_id = v.doc_id and i.indicator_id = v.indicator_id
    left join projects_ as p on p.doc_id = v.doc_id and p.project_id = i.project_id
),
text_facts_ as (
    select
        t.doc_id, p.name as project, t.table_name, t.row_label, cast(null as varchar) as column_label,
        'text_figure' as measure, cast(null as varchar) as stage, t.fiscal_year, coalesce(t.value, t.value_min) as value,
        t.value_max, t.unit, t.qualifier, false as is_redacted, t.raw_text, t.page, t.bbox, 'text' as source,
        t.context
    from text_facts as t
    left join projects_ as p on p.doc_id = t.doc_id and p.project_id = t.project_id
),
start_years as (
    select
        p.doc_id, p.name as project, '事業開始年度' as table_name, '事業開始年度' as row_label,
        cast(null as varchar) as column_label, '事業開始年度' as measure, cast(null as varchar) as stage,
        p.start_fiscal_year as fiscal_year, cast(p.start_fiscal_year as decimal(38, 6)) as value, '年度' as unit,
        cast(null as varchar) as qualifier, false as is_redacted, coalesce(t.raw_text, p.raw_text) as raw_text,
        coalesce(t.page, p.page) as page, coalesce(t.bbox, p.bbox) as bbox, 'project' as source
    from projects as p
    left join project_texts as t on t.doc_id = p.doc_id and t.project_id = p.project_id and t.field = '事業開始年度'
    where p.start_fiscal_year is not null
),
unioned as (
    select * from amounts
    union all by name
    select * from indicator_facts
    union all by name
    select * from text_facts_
    union all by name
    select * from start_years
),
final as (
    select d.municipality, d.doc_family, d.file_name, d.status as document_status, u.*
    from unioned as u
    left join documents_ as d on d.doc_id = u.doc_id
)
select * from final
