-- document_changes: one row per fact added, removed or changed between a version of a document key and
-- the version before it (failed versions are passed over) (key: document_key, version, fact identity).
-- A fact is identified by project, table, row and column labels, measure, stage, fiscal year and unit
-- (and its order on the pages when that repeats); `changed` means its value differs.
create or replace view document_changes as
with versions as (
    select document_key, version, doc_id,
        lag(version) over w as previous_version,
        lag(doc_id) over w as previous_doc_id
    from document_versions
    where status <> 'failed'
    window w as (partition by document_key order by version)
),
pairs as (
    select * from versions where previous_version is not null
),
facts_ as (
    select doc_id, project, table_name, row_label, column_label, measure, stage, fiscal_year, unit, value,
        raw_text, page,
        row_number() over (
            partition by doc_id, project, table_name, row_label, column_label, measure, stage, fiscal_year, unit
            order by page, bbox
        ) as occurrence
    from facts
),
new_ as (
    select p.document_key, p.version, p.previous_version, f.*
    from pairs as p inner join facts_ as f on f.doc_id = p.doc_id
),
old_ as (
    select p.document_key, p.version, p.previous_version, f.*
    from pairs as p inner join facts_ as f on f.doc_id = p.previous_doc_id
),
joined as (
    select
        coalesce(n.document_key, o.document_key) as document_key,
        coalesce(n.version, o.version) as version,
        coalesce(n.previous_version, o.previous_version) as previous_version,
        case
            when o.doc_id is null then 'added'
            when n.doc_id is null then 'removed'
            when n.value is distinct from o.value then 'changed'
        end as change,
        coalesce(n.project, o.project) as project,
        coalesce(n.table_name, o.table_name) as table_name,
        coalesce(n.row_label, o.row_label) as row_label,
        coalesce(n.column_label, o.column_label) as column_label,
        coalesce(n.measure, o.measure) as measure,
        coalesce(n.stage, o.stage) as stage,
        coalesce(n.fiscal_year, o.fiscal_year) as fiscal_year,
        coalesce(n.unit, o.unit) as unit,
        o.value as old_value,
        n.value as new_value,
        o.raw_text as old_raw_text,
        n.raw_text as new_raw_text,
        o.page as old_page,
        n.page as new_page,
        o.doc_id as old_doc_id,
        n.doc_id as new_doc_id
    from new_ as n
    full outer join old_ as o
        on n.document_key = o.document_key and n.version = o.version
        and n.project is not distinct from o.project
        and n.table_name = o.table_name
        and n.row_label is not distinct from o.row_label
        and n.column_label is not distinct from o.column_label
        and n.measure = o.measure
        and n.stage is not distinct from o.stage
        and n.fiscal_year is not distinct from o.fiscal_year
        and n.unit is not distinct from o.unit
        and n.occurrence = o.occurrence
)
select * from joined where change is not null
