-- current_indicator_values: the rows of indicator_values whose document is not superseded (same grain as indicator_values).
create or replace view current_indicator_values as
select t.* from indicator_values as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
