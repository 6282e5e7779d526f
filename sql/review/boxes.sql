-- boxes: one row per located record of one document ($doc_id): every fact (budget amount, indicator
-- value), budget line and raw cell, with what the review site shows when it is hovered: raw text, value,
-- unit, fiscal year, table / row / column, the id of the record it belongs to and whether its text is
-- suspect (a mis-mapped text layer). Only pages after $after_page up to $upto_page (a box without a page
-- counts as the last): a long book is fetched range by range, so that no sort holds all its boxes.
with lines_ as (
    select line_id, name, is_text_suspect from budget_lines where doc_id = $doc_id
),
amounts as (
    select
        'fact' as kind, a.page, a.bbox, a.raw_text, cast(a.amount_yen as double) as value, '円' as unit,
        a.fiscal_year, a.table_name, a.row_label, a.column_label, a.measure,
        'budget_amounts' as source_table, coalesce(a.line_id, a.project_id) as record_id,
        coalesce(l.is_text_suspect, false) as suspect, a.is_redacted
    from budget_amounts as a
    left join lines_ as l on l.line_id = a.line_id
    where a.doc_id = $doc_id
),
indicator_values_ as (
    select
        'fact' as kind, v.page, v.bbox, v.raw_text, cast(coalesce(v.value, v.numerator) as double) as value,
        v.unit, v.fiscal_year, v.table_name, coalesce(v.row_label, i.name) as row_label, v.column_label,
        v.role as measure, 'indicator_values' as source_table, v.indicator_id as record_id,
        false as suspect, false as is_redacted
    from indicator_values as v
    left join indicators as i on i.doc_id = v.doc_id and i.indicator_id = v.indicator_id
    where v.doc_id = $doc_id
),
budget_lines_ as (
    select
        'line' as kind, b.page, b.bbox, b.raw_text, cast(null as double) as value, cast(null as varchar) as unit,
        cast(null as integer) as fiscal_year, b.level as table_name, b.name as row_label,
        b.code as column_label, b.side as measure, 'budget_lines' as source_table, b.line_id as record_id,
        b.is_text_suspect as suspect, false as is_redacted
    from budget_lines as b
    where b.doc_id = $doc_id
),
cells as (
    select
        'cell' as kind, c.page, c.bbox, c.raw_text, cast(null as double) as value, cast(null as varchar) as unit,
        cast(null as integer) as fiscal_year, 'table ' || c.table_index as table_name,
        'row ' || c.row_index as row_label, 'col ' || c.col_index as column_label, cast(null as varchar) as measure,
        'raw_cells' as source_table, format('t{}r{}c{}', c.table_index, c.row_index, c.col_index) as record_id,
        false as suspect, false as is_redacted
    from raw_cells as c
    where c.doc_id = $doc_id
),
unioned as (
    select * from amounts
    union all by name
    select * from indicator_values_
    union all by name
    select * from budget_lines_
    union all by name
    select * from cells
)
select * from unioned
where coalesce(page, 2147483647) > $after_page and coalesce(page, 2147483647) <= $upto_page
order by page, kind, bbox[2], bbox[1]
