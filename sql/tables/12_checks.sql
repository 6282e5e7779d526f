-- checks: one row per cross-check result (rule × subject) of a document.
create table if not exists checks (
    doc_id     varchar not null,
    check_name varchar not null,
    subject    varchar not null,
    page       integer,
    expected   decimal(38, 6),
    actual     decimal(38, 6),
    passed     boolean not null,
    detail     varchar
);
