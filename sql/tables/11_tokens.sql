-- tokens: one row per Sudachi token of a text field (key: source_table, source_id, position).
create table if not exists tokens (
    doc_id          varchar not null,
    page            integer,
    source_table    varchar not null,
    source_id       varchar not null,
    position        integer not null,
    surface         varchar not null,
    normalized_form varchar not null,
    part_of_speech  varchar not null
);
