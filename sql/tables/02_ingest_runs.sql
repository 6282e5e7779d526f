-- ingest_runs: one row per run of the ingest flow (key: run_id).
-- A run still 'running' when the next writer opens the warehouse was killed: it becomes 'interrupted'.
create table if not exists ingest_runs (
    run_id               varchar primary key,
    flow_run_id          varchar,
    started_at           timestamp not null,
    ended_at             timestamp,
    warehouse            varchar not null,
    documents_seen       integer not null default 0,
    documents_loaded     integer not null default 0,
    documents_partial    integer not null default 0,
    documents_skipped    integer not null default 0,
    documents_failed     integer not null default 0,
    documents_superseded integer not null default 0,
    rows_loaded          bigint not null default 0,
    rejects              bigint not null default 0,
    status               varchar not null check (status in ('running', 'completed', 'failed', 'interrupted')),
    error                varchar
);
