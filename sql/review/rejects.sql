-- rejects: one row per rejected record of one document ($doc_id), with its raw payload (JSON text).
select stage, record_type, page, payload, error
from rejects
where doc_id = $doc_id
order by page, stage, record_type
