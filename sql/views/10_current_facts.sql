-- current_facts: the rows of facts whose document is not superseded (same grain as facts).
create or replace view current_facts as
select t.* from facts as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
