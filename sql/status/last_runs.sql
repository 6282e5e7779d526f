-- last_runs: one row per ingest run, newest first (the last five); interrupted runs say why. A run still
-- `running` is shown as `running (PID n)` or `dead (PID n gone)` by asking the system about its process.
select started_at, ended_at, status, documents_seen as seen, documents_loaded as loaded,
    documents_partial as partial, documents_skipped as unchanged, documents_failed as failed,
    documents_superseded as superseded, rows_loaded as "rows", rejects, error, pid, host
from ingest_runs
order by started_at desc
limit 5
