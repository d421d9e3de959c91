-- Question: At which exam locations do more or fewer candidates pass a product than nationally? Pass
--   rate per location with Wilson 95% interval, against the national rate of the product.
-- Param publication (varchar): the Opleiderresultaten publication (rolling year).
-- Param productcode (varchar): the product, e.g. 'B'.
-- Param soort_examen (varchar): 'eerste' or 'her'.
-- Param transmissie (varchar, default 'totaal'): 'totaal', 'automaat', 'combi' or 'handgeschakeld'.
-- Output: examenlocatie, plaats, voldoende, onvoldoende, n, opleiders, suppression, rate, ci_low, ci_high,
--   national_rate, national_n, difference, position, national_suppression
-- Note: a suppressed location has NULL counts and rate, with its reason. position says whether the
--   location's interval lies wholly above or below the national rate ('above', 'below', 'within').

with product_rates as (
    select * from cbr_product_rates
),

results as (
    select * from cbr_opleider_results
),

constants as (
    select 1.959963984540054 as z
),

chosen as (
    select *
    from product_rates
    where publication = $publication
        and productcode = $productcode
        and soort_examen = $soort_examen
        and transmissie = $transmissie
),

national as (
    select
        case when suppression is null then voldoende / nullif(n, 0) end as national_rate,
        n as national_n,
        suppression as national_suppression
    from chosen
    where examenlocatie = '*'
),

places as (
    select
        examenlocatie,
        max(examenlocatie_plaats) as plaats
    from results
    where publication = $publication
        and examenlocatie <> '*'
    group by examenlocatie
),

rated as (
    select
        chosen.*,
        case when suppression is null and n > 0 then voldoende / n end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        z
    from chosen
    cross join constants
    where examenlocatie <> '*'
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
        location.examenlocatie,
        places.plaats,
        location.voldoende,
        location.onvoldoende,
        location.n,
        location.opleiders,
        location.suppression,
        location.rate,
        location.ci_low,
        location.ci_high,
        national.national_rate,
        national.national_n,
        location.rate - national.national_rate as difference,
        case
            when location.rate is null or national.national_rate is null then null
            when location.ci_low > national.national_rate then 'above'
            when location.ci_high < national.national_rate then 'below'
            else 'within'
        end as position,
        national.national_suppression
    from with_interval as location
    left join national on true
    left join places using (examenlocatie)
)

select * from final
order by rate desc nulls last, examenlocatie
