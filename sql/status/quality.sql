-- quality: one row per document with rejects or failing checks, worst first.
with rejects_ as (
    select doc_id, count(*) as rejects from rejects group by doc_id
),
failed_checks as (
    select doc_id, count(*) as failed_checks from checks where not passed group by doc_id
),
final as (
    select d.file_name, d.status, coalesce(r.rejects, 0) as rejects, coalesce(c.failed_checks, 0) as failed_checks,
        d.error
    from documents as d
    left join rejects_ as r on r.doc_id = d.doc_id
    left join failed_checks as c on c.doc_id = d.doc_id
    where r.rejects > 0 or c.failed_checks > 0 or d.status = 'failed'
)
select * from final order by failed_checks + rejects desc, file_name
