-- document_versions: one row per publication of a document key (key: document_key, version): which bytes
-- (doc_id) were published as that version and what became of them. Old bytes that come back are a new
-- version here, while `documents` keeps one row per file and its facts.
create table if not exists document_versions (
    document_key varchar not null,
    version      integer not null check (version >= 1),
    doc_id       varchar not null,
    status       varchar not null check (status in ('loaded', 'partial', 'failed', 'superseded')),
    source       varchar not null,
    file_name    varchar not null,
    loaded_at    timestamp not null,
    primary key (document_key, version)
);
-- a warehouse made before this table: each document row is the one publication known of its version.
insert or ignore into document_versions
select document_key, version, doc_id, status, source, file_name, loaded_at from documents;
