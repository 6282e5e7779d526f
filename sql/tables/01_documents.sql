-- documents: one row per PDF ever seen (key: doc_id = sha256 of the bytes).
-- Versions: every row belongs to a document_key (municipality/family/title from a manifest, or the file
-- path when ingested by path). Loading new bytes for a key makes a new row with the next version and
-- marks the older rows of that key 'superseded'; they stay queryable, current_* views hide them.
create table if not exists documents (
    doc_id            varchar primary key,
    document_key      varchar not null,
    version           integer not null check (version >= 1),
    source            varchar not null,
    file_name         varchar not null,
    municipality      varchar,
    doc_family        varchar,
    title             varchar,
    fiscal_year_start integer,
    fiscal_year_end   integer,
    account           varchar,
    pages             integer not null,
    text_layer        varchar check (text_layer in ('ok', 'partial', 'none', 'mismapped', 'repaired', 'ocr')),
    status            varchar not null check (status in ('loaded', 'partial', 'failed', 'superseded')),
    error             varchar,
    parser_version    varchar not null,
    size_bytes        bigint not null,
    loaded_at         timestamp not null,
    warnings          varchar[]
);
-- warnings came later: a warehouse created before them gains the column (NULL on its older rows).
alter table documents add column if not exists warnings varchar[];
-- so did the account (一般会計 / 特別会計) of a budget book
alter table documents add column if not exists account varchar;
