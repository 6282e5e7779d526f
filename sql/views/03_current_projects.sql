-- current_projects: the rows of projects whose document is not superseded (same grain as projects).
create or replace view current_projects as
select t.* from projects as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
