-- ingest_runs: one row per run of the ingest flow (key: run_id).
create table if not exists ingest_runs (
    run_id             varchar primary key,
    started_at         timestamp not null,
    ended_at           timestamp,
    warehouse          varchar not null,
    documents_seen     integer not null default 0,
    documents_loaded   integer not null default 0,
    documents_partial  integer not null default 0,
    documents_skipped  integer not null default 0,
    documents_failed   integer not null default 0,
    rows_loaded        bigint not null default 0,
    rejects            bigint not null default 0,
    status             varchar not null check (status in ('running', 'completed', 'failed'))
);
