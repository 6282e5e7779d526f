-- rejects: one row per record that failed validation, with its raw payload (JSON text) and the error.
create table if not exists rejects (
    doc_id      varchar not null,
    stage       varchar not null,
    record_type varchar not null,
    page        integer,
    payload     varchar not null,
    error       varchar not null
);
