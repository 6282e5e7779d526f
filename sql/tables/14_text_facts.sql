-- text_facts: one row per figure printed in running text (記述欄, 方向性, milestones, prose paragraphs):
-- value and unit as printed, the qualifier (約, 以上, 超, 全 …), the year the sentence names, the sentence.
create table if not exists text_facts (
    doc_id     varchar not null,
    page       integer not null,
    bbox       double[4] not null,
    raw_text   varchar not null,
    fact_id    varchar not null,
    project_id varchar,
    source     varchar not null,
    table_name varchar not null,
    row_label  varchar,
    fiscal_year integer,
    value      decimal(38, 6),
    value_min  decimal(38, 6),
    value_max  decimal(38, 6),
    unit       varchar,
    qualifier  varchar,
    comparator varchar,
    context    varchar not null
);
