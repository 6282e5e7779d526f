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
    is_redacted  boolean not null,
    confidence   double,  -- OCR's certainty of the printed figure (0..1); NULL when read from a text layer
    in_failing_check boolean not null default false  -- a cross-check this value takes part in fails
);
-- warehouses created before OCR values and flagged checks
alter table budget_amounts add column if not exists confidence double;
alter table budget_amounts add column if not exists in_failing_check boolean default false;
