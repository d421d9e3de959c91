-- Question: What was the national pass rate of each product per Opleiderresultaten publication (rolling
--   year), first exams and re-exams, with Wilson 95% interval and the change from the publication before?
-- Param transmissie (varchar, default 'totaal'): 'totaal', 'automaat', 'combi' or 'handgeschakeld'.
-- Output: publication, period_start, period_end, productcode, productnaam, soort_examen, voldoende, n,
--   rate, ci_low, ci_high, suppression, previous_publication, previous_rate, change
-- Note: a product withheld by a CBR rule in a publication has no counts there (suppression says which
--   rule); its change is NULL rather than a change from or to zero.

with national as (
    select * from cbr_product_rates
    where examenlocatie = '*'
        and transmissie = $transmissie
),

products as (
    select * from cbr_products
),

constants as (
    select 1.959963984540054 as z
),

rated as (
    select
        national.publication,
        national.period_start,
        national.period_end,
        national.productcode,
        products.productnaam,
        national.soort_examen,
        cast(national.voldoende as bigint) as voldoende,
        cast(national.n as double) as n,
        national.suppression,
        case when national.suppression is null and national.n > 0
            then national.voldoende / national.n end as rate
    from national
    left join products using (productcode)
),

with_interval as (
    select
        rated.*,
        (rate + z * z / (2 * n)) / (1 + z * z / n)
            - z * sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_low,
        (rate + z * z / (2 * n)) / (1 + z * z / n)
            + z * sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_high,
        lag(publication) over by_period as previous_publication,
        lag(rate) over by_period as previous_rate
    from rated
    cross join constants
    window by_period as (partition by productcode, soort_examen order by period_end)
),

final as (
    select
        publication,
        period_start,
        period_end,
        productcode,
        productnaam,
        soort_examen,
        voldoende,
        cast(n as bigint) as n,
        rate,
        ci_low,
        ci_high,
        suppression,
        previous_publication,
        previous_rate,
        rate - previous_rate as change
    from with_interval
)

select * from final
order by productcode, soort_examen, period_end
