-- kpis: one row per indicator × fiscal year with an actual value (key: doc_id, indicator_id, fiscal_year):
-- target and actual as printed, the status tag (達成 / 未達成) and the achievement rate actual / target.
select municipality, project_code, project_name, indicator_name, fiscal_year,
    cast(target as double) as target, cast(actual as double) as actual, unit, status,
    round(100.0 * actual / nullif(target, 0), 1) as achievement_pct
from kpi_target_vs_actual
where actual is not null
order by municipality, project_code, indicator_name, fiscal_year
