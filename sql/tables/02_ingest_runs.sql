-- ingest_runs: one row per run of the ingest flow (key: run_id).
-- A run still 'running' when the next writer opens the warehouse was killed: it becomes 'interrupted'.
-- pid and host name the process that ran it (`gyosei status` shows a run whose process is gone as dead).
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
    error                varchar,
    pid                  integer,
    host                 varchar
);
-- pid and host came later: a warehouse created before them gains the columns (NULL on older runs).
alter table ingest_runs add column if not exists pid integer;
alter table ingest_runs add column if not exists host varchar;
