-- Question: For one opleider in one publication, what are its first-exam and re-exam pass rates per
--   product, exam location and transmission, with Wilson 95% interval, against the national rate and
--   the rate at that location?
-- Param opleidercode (varchar): the opleider.
-- Param publication (varchar): the Opleiderresultaten publication.
-- Output: productcode, productnaam, examenlocatie, examenlocatie_plaats, soort_examen, transmissie,
--   voldoende, onvoldoende, n, n_band, suppression, rate, ci_low, ci_high, national_rate, location_rate,
--   national_suppression, location_suppression
-- Note: a suppressed cell keeps its n_band and reason; its rate is NULL. A rate from fewer than the
--   opleider_min_exams rule (default 10) is NULL with reason too_few_exams. Reference rates are NULL
--   (with their reason) where the product is suppressed. Exam locations only: the opleider's
--   all-locations row (examenlocatie '*') is no location (opleider_trend shows the totals).

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
        and publication = $publication
        and examenlocatie <> '*'
),

rated as (
    select
        opleider.*,
        case
            when suppression is not null then suppression
            when n is null or n < min_exams then 'too_few_exams'
        end as rate_suppression,
        case when suppression is null and n >= min_exams then voldoende / n end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        z
    from opleider
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
        cell.productcode,
        cell.productnaam,
        cell.examenlocatie,
        cell.examenlocatie_plaats,
        cell.soort_examen,
        cell.transmissie,
        cell.voldoende,
        cell.onvoldoende,
        cell.n,
        cell.n_band,
        cell.rate_suppression as suppression,
        cell.rate,
        cell.ci_low,
        cell.ci_high,
        nation.voldoende / nullif(nation.n, 0) as national_rate,
        place.voldoende / nullif(place.n, 0) as location_rate,
        nation.suppression as national_suppression,
        place.suppression as location_suppression
    from with_interval as cell
    left join product_rates as nation
        on nation.publication = cell.publication
        and nation.productcode = cell.productcode
        and nation.soort_examen = cell.soort_examen
        and nation.transmissie = cell.transmissie
        and nation.examenlocatie = '*'
    left join product_rates as place
        on place.publication = cell.publication
        and place.productcode = cell.productcode
        and place.soort_examen = cell.soort_examen
        and place.transmissie = cell.transmissie
        and place.examenlocatie = cell.examenlocatie
)

select * from final
order by productcode, examenlocatie, soort_examen, transmissie
