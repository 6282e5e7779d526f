-- text_repairs: one row per glyph whose character a document's text layer got wrong or lacked and gyosei
-- repaired from the glyph's shape (#18). A repaired value's original text is its text with `repaired`
-- put back to `extracted`.
create table if not exists text_repairs (
    doc_id    varchar not null,
    font      varchar not null,
    cid       integer not null,
    extracted varchar not null,
    repaired  varchar not null,
    method    varchar not null,
    score     double not null,
    gain      double not null
);
