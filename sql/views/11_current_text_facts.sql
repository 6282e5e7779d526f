-- current_text_facts: the rows of text_facts whose document is not superseded (same grain as text_facts).
create or replace view current_text_facts as
select t.* from text_facts as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
