-- milestones: one row per plan text of an item in a period (label as printed, fiscal_year when known).
create table if not exists milestones (
    doc_id       varchar not null,
    page         integer not null,
    bbox         double[4] not null,
    raw_text     varchar not null,
    project_id   varchar,
    table_name   varchar not null,
    item         varchar,
    period_label varchar not null,
    fiscal_year  integer,
    text         varchar not null
);
