-- checks: one row per cross-check of one document ($doc_id), failed ones first.
select check_name, subject, page, cast(expected as double) as expected, cast(actual as double) as actual, passed, detail
from checks
where doc_id = $doc_id
order by passed, page, check_name, subject
