-- warnings: one row per parser warning of a current document (its first five, with its total): what the
-- family parser noticed but could not settle.
select file_name, len(warnings) as total, unnest(warnings[1:5]) as warning
from current_documents
where len(warnings) > 0
order by file_name
