-- documents: one row per PDF ever seen (key: doc_id = sha256 of the bytes).
create table if not exists documents (
    doc_id            varchar primary key,
    source            varchar not null,
    file_name         varchar not null,
    municipality      varchar,
    doc_family        varchar,
    title             varchar,
    fiscal_year_start integer,
    fiscal_year_end   integer,
    pages             integer not null,
    text_layer        varchar check (text_layer in ('ok', 'partial', 'none', 'mismapped')),
    status            varchar not null check (status in ('loaded', 'partial', 'failed', 'superseded')),
    error             varchar,
    parser_version    varchar not null,
    size_bytes        bigint not null,
    loaded_at         timestamp not null
);
