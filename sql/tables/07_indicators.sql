-- indicators: one row per KPI or 事業指標 (key: indicator_id).
create table if not exists indicators (
    indicator_id  varchar not null,
    doc_id        varchar not null,
    page          integer not null,
    bbox          double[4] not null,
    raw_text      varchar not null,
    project_id    varchar,
    kind          varchar not null,
    name          varchar not null,
    unit          varchar,
    baseline_text varchar
);
