-- Question: How did one opleider's pass rate per product and soort examen develop across the
--   publications (rolling years), with Wilson 95% interval, against the national rate of each year?
-- Param opleidercode (varchar): the opleider.
-- Param transmissie (varchar, default 'totaal'): 'totaal', 'automaat', 'combi' or 'handgeschakeld'.
-- Output: publication, period_end, productcode, soort_examen, voldoende, n, suppression, rate, ci_low,
--   ci_high, national_rate, cells, suppressed_cells, change_from_previous
-- Note: the opleider's total per publication is its examenlocatie '*' row when publish wrote one, else
--   the sum of its published location rows; with a suppressed part, or n below the opleider_min_exams
--   rule (default 10), the rate is NULL and suppression gives the reason. change_from_previous is the
--   difference in rate with the previous publication that has a rate (NULL if either is NULL).

with results as (
    select * from cbr_opleider_results
),

product_rates as (
    select * from cbr_product_rates
),

rules as (
    select * from suppression_rules
),

constants as (
    select
        1.959963984540054 as z,
        coalesce(
            (select max(try_cast(value as integer)) from rules where rule = 'opleider_min_exams'),
            10
        ) as min_exams
),

opleider as (
    select *
    from results
    where opleidercode = $opleidercode
        and transmissie = $transmissie
),

has_total_row as (
    select distinct publication, productcode, soort_examen
    from opleider
    where examenlocatie = '*'
),

parts as (
    select opleider.*
    from opleider
    left join has_total_row using (publication, productcode, soort_examen)
    where (has_total_row.publication is not null and opleider.examenlocatie = '*')
        or (has_total_row.publication is null and opleider.examenlocatie <> '*')
),

totals as (
    select
        publication,
        max(period_end) as period_end,
        productcode,
        soort_examen,
        cast(sum(voldoende) as bigint) as voldoende,
        cast(sum(n) as bigint) as n,
        count(*) as cells,
        count(suppression) as suppressed_cells,
        min(suppression) as part_reason
    from parts
    group by publication, productcode, soort_examen
),

rated as (
    select
        totals.*,
        case
            when suppressed_cells > 0 then part_reason
            when n is null or n < min_exams then 'too_few_exams'
        end as suppression,
        case when suppressed_cells = 0 and n >= min_exams then voldoende / n end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        z
    from totals
    cross join constants
),

with_interval as (
    select
        *,
        (rate + z * z / (2 * n_double)) / (1 + z * z / n_double)
            - z * sqrt(rate * (1 - rate) / n_double + z * z / (4 * n_double * n_double))
                / (1 + z * z / n_double) as ci_low,
        (rate + z * z / (2 * n_double)) / (1 + z * z / n_double)
            + z * sqrt(rate * (1 - rate) / n_double + z * z / (4 * n_double * n_double))
                / (1 + z * z / n_double) as ci_high
    from rated
),

final as (
    select
        cell.publication,
        cell.period_end,
        cell.productcode,
        cell.soort_examen,
        cell.voldoende,
        cell.n,
        cell.suppression,
        cell.rate,
        cell.ci_low,
        cell.ci_high,
        case when nation.suppression is null then nation.voldoende / nullif(nation.n, 0) end as national_rate,
        cell.cells,
        cell.suppressed_cells,
        cell.rate - lag(cell.rate) over (
            partition by cell.productcode, cell.soort_examen order by cell.period_end
        ) as change_from_previous
    from with_interval as cell
    left join product_rates as nation
        on nation.publication = cell.publication
        and nation.productcode = cell.productcode
        and nation.soort_examen = cell.soort_examen
        and nation.transmissie = $transmissie
        and nation.examenlocatie = '*'
)

select * from final
order by productcode, soort_examen, period_end
