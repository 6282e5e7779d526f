-- quality: one row per document with rejects, failing checks or checks that could not run, worst first.
with rejects_ as (
    select doc_id, count(*) as rejects from rejects group by doc_id
),
failed_checks as (
    select doc_id, count(*) filter (where not passed) as failed_checks,
        count(*) filter (where passed is null) as not_run_checks
    from checks group by doc_id
),
final as (
    select d.file_name, d.status, coalesce(r.rejects, 0) as rejects, coalesce(c.failed_checks, 0) as failed_checks,
        coalesce(c.not_run_checks, 0) as not_run_checks, d.error
    from documents as d
    left join rejects_ as r on r.doc_id = d.doc_id
    left join failed_checks as c on c.doc_id = d.doc_id
    where r.rejects > 0 or c.failed_checks > 0 or c.not_run_checks > 0 or d.status = 'failed'
)
select * from final order by failed_checks + rejects desc, file_name
