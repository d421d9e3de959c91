-- Question: Where do the funnel-plot control limits lie, for a product in a publication, as a curve over
--   the number of exams n (for drawing the funnel behind the opleiders of opleider_league)?
-- Param publication (varchar): the Opleiderresultaten publication.
-- Param productcode (varchar): the product, e.g. 'B'.
-- Param soort_examen (varchar): 'eerste' or 'her'.
-- Param transmissie (varchar, default 'totaal'): 'totaal', 'automaat', 'combi' or 'handgeschakeld'.
-- Param n_max (integer, default 1000): the largest n on the curve (the plot's right edge).
-- Output: n, national_rate, limit95_low, limit95_high, limit998_low, limit998_high
-- Note: about 100 points spread evenly on a log scale from n = 1 to n_max; no rows when the national
--   rate is suppressed.

with product_rates as (
    select * from cbr_product_rates
),

constants as (
    select
        1.959963984540054 as z95,
        3.090232306167813 as z998
),

national as (
    select voldoende / nullif(n, 0) as national_rate
    from product_rates
    where publication = $publication
        and productcode = $productcode
        and soort_examen = $soort_examen
        and transmissie = $transmissie
        and examenlocatie = '*'
        and suppression is null
),

points as (
    select distinct cast(round(pow(greatest($n_max, 1), step / 100)) as integer) as n
    from range(0, 101) as steps(step)
),

final as (
    select
        points.n,
        national_rate,
        greatest(0, national_rate - z95 * sqrt(national_rate * (1 - national_rate) / points.n)) as limit95_low,
        least(1, national_rate + z95 * sqrt(national_rate * (1 - national_rate) / points.n)) as limit95_high,
        greatest(0, national_rate - z998 * sqrt(national_rate * (1 - national_rate) / points.n)) as limit998_low,
        least(1, national_rate + z998 * sqrt(national_rate * (1 - national_rate) / points.n)) as limit998_high
    from points
    cross join national
    cross join constants
    where national_rate is not null
)

select * from final
order by n
