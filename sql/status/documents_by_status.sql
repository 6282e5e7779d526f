-- documents_by_status: one row per status × family × parser version, with document and page counts.
select status, coalesce(doc_family, '-') as doc_family, parser_version, count(*) as documents, sum(pages) as pages
from documents
group by all
order by status, doc_family
