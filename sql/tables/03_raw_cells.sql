-- raw_cells: one row per table cell found on a page (key: doc_id, page, table_index, row_index, col_index).
create table if not exists raw_cells (
    doc_id      varchar not null,
    page        integer not null,
    bbox        double[4] not null,
    raw_text    varchar not null,
    table_index integer not null,
    row_index   integer not null,
    col_index   integer not null
);
