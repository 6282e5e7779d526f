-- runs: one row per ingest run, oldest first (key: run_id): documents by outcome, rejects, and the checks
-- of the documents that run loaded (a document belongs to the run during which it was loaded).
with runs_ as (
    select * from ingest_runs where status <> 'running'
),
checks_ as (
    select doc_id, count(*) filter (where passed) as passed, count(*) filter (where not passed) as failed
    from checks group by doc_id
),
per_run as (
    select r.run_id, sum(c.passed) as checks_passed, sum(c.failed) as checks_failed
    from runs_ as r
    inner join documents as d on d.loaded_at between r.started_at and coalesce(r.ended_at, r.started_at)
    inner join checks_ as c on c.doc_id = d.doc_id
    group by r.run_id
)
select r.run_id, r.started_at, r.status, r.documents_seen, r.documents_loaded, r.documents_partial,
    r.documents_skipped, r.documents_failed, r.rejects,
    coalesce(p.checks_passed, 0) as checks_passed, coalesce(p.checks_failed, 0) as checks_failed
from runs_ as r
left join per_run as p on p.run_id = r.run_id
order by r.started_at
