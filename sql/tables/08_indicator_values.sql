-- indicator_values: one row per value of an indicator: fiscal_year × role (target/actual/delta/baseline).
create table if not exists indicator_values (
    doc_id       varchar not null,
    page         integer not null,
    bbox         double[4] not null,
    raw_text     varchar not null,
    indicator_id varchar not null,
    table_name   varchar not null,
    row_label    varchar,
    column_label varchar,
    fiscal_year  integer,
    role         varchar not null,
    value        decimal(38, 6),
    unit         varchar,
    comparator   varchar,
    qualifier    varchar,
    numerator    decimal(38, 6),
    denominator  decimal(38, 6),
    text         varchar,
    status       varchar
);
