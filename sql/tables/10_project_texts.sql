-- project_texts: one row per narrative field of a project (事業目的, 背景・課題 …), raw and cleaned.
create table if not exists project_texts (
    doc_id     varchar not null,
    page       integer not null,
    bbox       double[4] not null,
    raw_text   varchar not null,
    project_id varchar not null,
    field      varchar not null,
    text       varchar not null
);
