-- budget_lines: one row per line of a budget hierarchy (款・項・目・節, 細事業, 説明, 目次 row) (key: line_id).
create table if not exists budget_lines (
    line_id         varchar not null,
    doc_id          varchar not null,
    page            integer not null,
    bbox            double[4] not null,
    raw_text        varchar not null,
    parent_line_id  varchar,
    project_id      varchar,
    side            varchar,
    level           varchar not null,
    code            varchar,
    name            varchar not null,
    ordinal         integer not null,
    note            varchar,
    is_text_suspect boolean not null,
    account         varchar
);
-- warehouses created before budget lines had an account
alter table budget_lines add column if not exists account varchar;
