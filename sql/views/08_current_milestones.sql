-- current_milestones: the rows of milestones whose document is not superseded (same grain as milestones).
create or replace view current_milestones as
select t.* from milestones as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
