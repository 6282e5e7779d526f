-- crosschecks: one row per budget book summary table (第1表, 総括) loaded: how many of its 款/項 totals
-- match the chapters loaded, differ from them, or have no chapter loaded (see budget_book_crosscheck).
select municipality, fiscal_year, table_name,
    count(*) filter (where status = 'pass') as passed,
    count(*) filter (where status = 'fail') as failed,
    count(*) filter (where status = 'no chapter') as no_chapter
from budget_book_crosscheck
group by all
order by municipality, fiscal_year, table_name
