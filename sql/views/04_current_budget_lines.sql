-- current_budget_lines: the rows of budget_lines whose document is not superseded (same grain as budget_lines).
create or replace view current_budget_lines as
select t.* from budget_lines as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
