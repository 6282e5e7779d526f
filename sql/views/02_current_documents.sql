-- current_documents: the rows of documents whose document is not superseded (same grain as documents).
create or replace view current_documents as
select t.* from documents as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
