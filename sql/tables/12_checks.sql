-- checks: one row per cross-check result (rule × subject) of a document; passed is NULL for a check
-- that could not run (detail says why), which is neither a pass nor a failure.
create table if not exists checks (
    doc_id     varchar not null,
    check_name varchar not null,
    subject    varchar not null,
    page       integer,
    expected   decimal(38, 6),
    actual     decimal(38, 6),
    passed     boolean,
    detail     varchar
);
-- warehouses created before checks could be `not run`
alter table checks alter column passed drop not null;
