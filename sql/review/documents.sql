-- documents: one row per document (key: doc_id), newest first: what the review site's index lists,
-- with its counts of facts, budget lines, raw cells, checks (passed / total), rejects and pages with boxes.
with facts_ as (
    select doc_id, count(*) as facts from facts group by doc_id
),
lines_ as (
    select doc_id, count(*) as lines, count(*) filter (where is_text_suspect) as suspect_lines
    from budget_lines group by doc_id
),
cells_ as (
    select doc_id, count(*) as cells from raw_cells group by doc_id
),
checks_ as (
    select doc_id, count(*) as checks, count(*) filter (where passed) as checks_passed from checks group by doc_id
),
rejects_ as (
    select doc_id, count(*) as rejects from rejects group by doc_id
),
final as (
    select
        d.doc_id, d.document_key, d.version, d.source, d.file_name, d.municipality, d.doc_family, d.title,
        d.fiscal_year_start, d.fiscal_year_end, d.pages, d.text_layer, d.status, d.error, d.parser_version,
        d.size_bytes, d.loaded_at,
        coalesce(f.facts, 0) as facts,
        coalesce(l.lines, 0) as lines,
        coalesce(l.suspect_lines, 0) as suspect_lines,
        coalesce(c.cells, 0) as cells,
        coalesce(k.checks, 0) as checks,
        coalesce(k.checks_passed, 0) as checks_passed,
        coalesce(r.rejects, 0) as rejects
    from documents as d
    left join facts_ as f on f.doc_id = d.doc_id
    left join lines_ as l on l.doc_id = d.doc_id
    left join cells_ as c on c.doc_id = d.doc_id
    left join checks_ as k on k.doc_id = d.doc_id
    left join rejects_ as r on r.doc_id = d.doc_id
)
select * from final order by loaded_at desc, file_name
