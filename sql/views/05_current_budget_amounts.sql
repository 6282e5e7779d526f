-- current_budget_amounts: the rows of budget_amounts whose document is not superseded (same grain as budget_amounts).
create or replace view current_budget_amounts as
select t.* from budget_amounts as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
