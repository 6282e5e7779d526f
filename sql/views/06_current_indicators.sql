-- current_indicators: the rows of indicators whose document is not superseded (same grain as indicators).
create or replace view current_indicators as
select t.* from indicators as t
where t.doc_id in (select doc_id from documents where status <> 'superseded')
