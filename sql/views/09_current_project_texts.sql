-- current_project_texts: the rows of project_texts whose document is not superseded (same grain as project_texts).
create or replace view current_project_texts as
select t.* from project_texts as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
