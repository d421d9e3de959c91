-- Question: How do opleiders compare on one product in one publication (a rolling year): first-exam or
--   re-exam pass rate per opleider (all exam locations together), by transmission, with Wilson 95%
--   interval, funnel-plot control limits (95% and 99.8%) around the national rate of the product, and
--   a rank with its uncertainty?
-- Param publication (varchar): the Opleiderresultaten publication.
-- Param productcode (varchar): the product, e.g. 'B'.
-- Param soort_examen (varchar): 'eerste' (first exam) or 'her' (re-exam).
-- Param transmissie (varchar, default 'totaal'): 'totaal', 'automaat', 'combi' or 'handgeschakeld'.
-- Output: opleidercode, opleidernaam, opleider_plaats, voldoende, onvoldoende, n, n_band, suppression,
--   suppressed_cells, rate, ci_low, ci_high, national_rate, limit95_low, limit95_high, limit998_low,
--   limit998_high, rank, transmissie, cells, funnel_position, rank_best, rank_worst, rated_opleiders,
--   national_suppression
-- Note: an opleider's total is its examenlocatie '*' row when publish wrote one, else the sum of its
--   published location rows; suppressed_cells counts the location rows missing from that sum. The
--   rate is NULL when a part is suppressed or n is below the opleider_min_exams rule (default 10), and
--   suppression then gives the reason. Ranked by the interval's lower bound (a cautious rank);
--   rank_best .. rank_worst is the range of ranks the intervals allow: 1 + the opleiders whose interval
--   lies wholly above this one, to the rated opleiders minus those whose interval lies wholly below.
--   Limits: national rate ± z·sqrt(p(1-p)/n), z = 1.96 and 3.09, clipped to [0, 1].

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
        1.959963984540054 as z95,
        3.090232306167813 as z998,
        coalesce(
            (select max(try_cast(value as integer)) from rules where rule = 'opleider_min_exams'),
            10
        ) as min_exams
),

chosen as (
    select *
    from results
    where publication = $publication
        and productcode = $productcode
        and soort_examen = $soort_examen
        and transmissie = $transmissie
),

given_totals as (
    select
        opleidercode,
        opleidernaam,
        opleider_plaats,
        voldoende,
        onvoldoende,
        n,
        n_band,
        1 as cells,
        case when suppression is null then 0 else 1 end as suppressed_cells,
        suppression as part_reason
    from chosen
    where examenlocatie = '*'
),

location_sums as (
    select
        opleidercode,
        max(opleidernaam) as opleidernaam,
        max(opleider_plaats) as opleider_plaats,
        cast(sum(voldoende) as bigint) as voldoende,
        cast(sum(onvoldoende) as bigint) as onvoldoende,
        cast(sum(n) as bigint) as n,
        string_agg(distinct n_band, ',' order by n_band) as n_band,
        count(*) as cells,
        count(suppression) as suppressed_cells,
        min(suppression) as part_reason
    from chosen
    where examenlocatie <> '*'
        and opleidercode not in (select opleidercode from given_totals)
    group by opleidercode
),

opleider_totals as (
    select * from given_totals
    union all by name
    select * from location_sums
),

national as (
    select
        case when suppression is null then voldoende / nullif(n, 0) end as national_rate,
        suppression as national_suppression
    from product_rates
    where publication = $publication
        and productcode = $productcode
        and soort_examen = $soort_examen
        and transmissie = $transmissie
        and examenlocatie = '*'
),

rated as (
    select
        opleider_totals.*,
        case
            when suppressed_cells > 0 then part_reason
            when n is null or n < min_exams then 'too_few_exams'
        end as suppression,
        case when suppressed_cells = 0 and n >= min_exams then voldoende / n end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        z95,
        z998
    from opleider_totals
    cross join constants
),

with_interval as (
    select
        *,
        (rate + z95 * z95 / (2 * n_double)) / (1 + z95 * z95 / n_double)
            - z95 * sqrt(rate * (1 - rate) / n_double + z95 * z95 / (4 * n_double * n_double))
                / (1 + z95 * z95 / n_double) as ci_low,
        (rate + z95 * z95 / (2 * n_double)) / (1 + z95 * z95 / n_double)
            + z95 * sqrt(rate * (1 - rate) / n_double + z95 * z95 / (4 * n_double * n_double))
                / (1 + z95 * z95 / n_double) as ci_high
    from rated
),

with_limits as (
    select
        with_interval.*,
        national.national_rate,
        national.national_suppression,
        greatest(0, national_rate - z95 * sqrt(national_rate * (1 - national_rate) / n)) as limit95_low,
        least(1, national_rate + z95 * sqrt(national_rate * (1 - national_rate) / n)) as limit95_high,
        greatest(0, national_rate - z998 * sqrt(national_rate * (1 - national_rate) / n)) as limit998_low,
        least(1, national_rate + z998 * sqrt(national_rate * (1 - national_rate) / n)) as limit998_high
    from with_interval
    left join national on true
),

positioned as (
    select
        *,
        case
            when rate is null or national_rate is null then null
            when rate > limit998_high then 'above_998'
            when rate > limit95_high then 'above_95'
            when rate < limit998_low then 'below_998'
            when rate < limit95_low then 'below_95'
            else 'within'
        end as funnel_position
    from with_limits
),

rated_only as (
    select opleidercode, ci_low, ci_high
    from positioned
    where rate is not null
),

-- rank_best needs, per opleider, how many lower bounds lie above its upper bound; rank_worst how many
-- upper bounds lie below its lower bound. Counted in one sorted pass each (not a pairwise join): the
-- bounds of all opleiders and the opleider's own probe value in one list, a running count over it.
lows_against_highs as (
    select ci_low as value, 1 as is_bound, null as opleidercode from rated_only
    union all
    select ci_high as value, 0 as is_bound, opleidercode from rated_only
),

lows_at_or_below as (
    select
        opleidercode,
        cast(sum(is_bound) over (order by value, is_bound desc rows unbounded preceding) as bigint)
            as lows_not_above
    from lows_against_highs
),

highs_against_lows as (
    select ci_high as value, 1 as is_bound, null as opleidercode from rated_only
    union all
    select ci_low as value, 0 as is_bound, opleidercode from rated_only
),

highs_below as (
    select
        opleidercode,
        cast(sum(is_bound) over (order by value, is_bound rows unbounded preceding) as bigint) as highs_below
    from highs_against_lows
),

rank_range as (
    select
        rated_only.opleidercode,
        1 + count(*) over () - lows_at_or_below.lows_not_above as rank_best,
        count(*) over () - highs_below.highs_below as rank_worst,
        count(*) over () as rated_opleiders
    from rated_only
    inner join lows_at_or_below
        on lows_at_or_below.opleidercode = rated_only.opleidercode
    inner join highs_below
        on highs_below.opleidercode = rated_only.opleidercode
),

ranked as (
    select
        positioned.*,
        case when rate is not null then rank() over (order by rate is null, ci_low desc) end as rank,
        rank_range.rank_best,
        rank_range.rank_worst,
        rank_range.rated_opleiders
    from positioned
    left join rank_range using (opleidercode)
),

final as (
    select
        opleidercode,
        opleidernaam,
        opleider_plaats,
        voldoende,
        onvoldoende,
        n,
        n_band,
        suppression,
        suppressed_cells,
        rate,
        ci_low,
        ci_high,
        national_rate,
        limit95_low,
        limit95_high,
        limit998_low,
        limit998_high,
        rank,
        $transmissie as transmissie,
        cells,
        funnel_position,
        rank_best,
        rank_worst,
        rated_opleiders,
        national_suppression
    from ranked
)

select * from final
order by rank nulls last, opleidernaam, opleidercode
