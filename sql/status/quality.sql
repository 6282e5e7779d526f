-- quality: one row per document with rejects, failing checks, checks that could not run or amounts read by
-- OCR, worst first. `ocr_amounts` were read from pages without text (each has a confidence); `flagged_amounts`
-- take part in a failing cross-check (`budget_amounts.in_failing_check`): misprinted or misread, none certain.
with rejects_ as (
    select doc_id, count(*) as rejects from rejects group by doc_id
),
failed_checks as (
    select doc_id, count(*) filter (where not passed) as failed_checks,
        count(*) filter (where passed is null) as not_run_checks
    from checks group by doc_id
),
amounts_ as (
    select doc_id, count(*) filter (where confidence is not null) as ocr_amounts,
        count(*) filter (where in_failing_check) as flagged_amounts
    from budget_amounts group by doc_id
),
final as (
    select d.file_name, d.status, coalesce(r.rejects, 0) as rejects, coalesce(c.failed_checks, 0) as failed_checks,
        coalesce(c.not_run_checks, 0) as not_run_checks, coalesce(a.ocr_amounts, 0) as ocr_amounts,
        coalesce(a.flagged_amounts, 0) as flagged_amounts, d.error
    from documents as d
    left join rejects_ as r on r.doc_id = d.doc_id
    left join failed_checks as c on c.doc_id = d.doc_id
    left join amounts_ as a on a.doc_id = d.doc_id
    where r.rejects > 0 or c.failed_checks > 0 or c.not_run_checks > 0 or a.ocr_amounts > 0 or a.flagged_amounts > 0
        or d.status = 'failed'
)
select * from final order by failed_checks + rejects + flagged_amounts desc, file_name
