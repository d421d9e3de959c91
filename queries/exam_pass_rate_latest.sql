-- Question: Per product, what was the pass rate over the latest N weeks of the exam publication, and
--   over the same weeks (52 weeks earlier) a year before? Headline figures with Wilson 95% intervals.
-- Param weeks (integer): the number of most recent weeks taken together.
-- Output: period, productcode, productnaam, is_toets, week_from, week_to, voldoende, n, suppressed_weeks,
--   rate, ci_low, ci_high, suppression
-- Note: voldoende and n sum the published weeks only; when a period holds a suppressed week the rate is
--   NULL and suppression gives the reason. A tussentijdse toets has counts but no rate.

with exams as (
    select * from cbr_exams_weekly
),

constants as (
    select 1.959963984540054 as z
),

last_week as (
    select max(week_start) as last_start
    from exams
),

periods as (
    select
        'latest' as period,
        cast(last_start - to_weeks($weeks - 1) as date) as week_from,
        last_start as week_to
    from last_week
    union all
    select
        'year_before' as period,
        cast(last_start - to_weeks($weeks - 1) - to_weeks(52) as date) as week_from,
        cast(last_start - to_weeks(52) as date) as week_to
    from last_week
),

summed as (
    select
        periods.period,
        exams.productcode,
        max(exams.productnaam) as productnaam,
        bool_or(exams.is_toets) as is_toets,
        min(periods.week_from) as week_from,
        max(periods.week_to) as week_to,
        cast(sum(exams.voldoende) as bigint) as voldoende,
        cast(sum(exams.totaal) as bigint) as n,
        count(exams.suppression) as suppressed_weeks,
        min(exams.suppression) as first_reason
    from periods
    inner join exams
        on exams.week_start between periods.week_from and periods.week_to
    group by periods.period, exams.productcode
),

rated as (
    select
        *,
        case
            when is_toets or suppressed_weeks > 0 or n is null or n = 0 then null
            else voldoende / n
        end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        case when suppressed_weeks > 0 then first_reason end as rate_suppression
    from summed
),

final as (
    select
        period,
        productcode,
        productnaam,
        is_toets,
        week_from,
        week_to,
        voldoende,
        n,
        suppressed_weeks,
        rate,
        (rate + z * z / (2 * n_double)) / (1 + z * z / n_double)
            - z * sqrt(rate * (1 - rate) / n_double + z * z / (4 * n_double * n_double))
                / (1 + z * z / n_double) as ci_low,
        (rate + z * z / (2 * n_double)) / (1 + z * z / n_double)
            + z * sqrt(rate * (1 - rate) / n_double + z * z / (4 * n_double * n_double))
                / (1 + z * z / n_double) as ci_high,
        rate_suppression as suppression
    from rated
    cross join constants
)

select * from final
order by productcode, period
