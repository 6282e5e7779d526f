-- needs_attention: every document whose latest version is failed or partial, reason first, failures first:
-- what an operator must look at (a whole document that produced nothing is `failed`, and says what it held).
with latest as (
    select * from documents
    qualify row_number() over (partition by document_key order by version desc) = 1
)
select coalesce(error, '-') as reason, status, coalesce(doc_family, '-') as doc_family, pages, file_name, version
from latest
where status in ('failed', 'partial')
order by status = 'partial', file_name
