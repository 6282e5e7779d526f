-- funding: one row per municipality × project (key: municipality, project) of the current documents:
-- the plan year's 財源内訳 in integer yen (国, 県, その他, 市債, 一般財源), from funding_mix.
select municipality, project, max(fiscal_year) as fiscal_year, max(total_yen) as total_yen,
    max(national_yen) as national_yen, max(prefectural_yen) as prefectural_yen, max(other_yen) as other_yen,
    max(bonds_yen) as bonds_yen, max(general_revenue_yen) as general_revenue_yen
from funding_mix
where document_status <> 'superseded' and total_yen is not null
group by all
order by total_yen desc, municipality, project
