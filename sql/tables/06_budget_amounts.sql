-- budget_amounts: one row per amount: line or project × fiscal_year × stage × measure (amount_yen NULL when redacted or blank).
create table if not exists budget_amounts (
    doc_id       varchar not null,
    page         integer not null,
    bbox         double[4] not null,
    raw_text     varchar not null,
    line_id      varchar,
    project_id   varchar,
    table_name   varchar not null,
    row_label    varchar,
    column_label varchar,
    fiscal_year  integer,
    stage        varchar not null,
    measure      varchar not null,
    amount_yen   bigint,
    unit         varchar not null,
    is_redacted  boolean not null
);
