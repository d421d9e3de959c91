-- Question: What share of CBR exams passed, per week and product, over a rolling window of weeks
--   (1 = the week alone, 4, 13), with its Wilson 95% interval, and what was it in the same ISO week a
--   year earlier? Also the week's shares of particuliere examens and examens met tolk.
-- Param products (varchar[]): productcodes to show.
-- Param date_from (date): first week_start shown (earlier weeks still feed the rolling window).
-- Param date_to (date): last week_start shown.
-- Param window (integer, default 1): number of weeks in the rolling window, ending at the week shown.
-- Output: week_start, jaar, week, productcode, productnaam, is_toets, totaal, voldoende, onvoldoende,
--   particulier, tolk, particulier_share, tolk_share, n, n_voldoende, rate, ci_low, ci_high, rate_year_before,
--   n_year_before, suppression, rate_suppression, suppressed_weeks, rate_year_before_suppression
-- Note: a suppressed week's counts are NULL and never count as 0: a window that contains one has a
--   NULL rate, rate_suppression says why, n and suppressed_weeks say what the window still holds.
--   totaal .. tolk are the week's own counts; n and n_voldoende are the window's (what the rate is of).
--   A tussentijdse toets has no result: its rate is NULL (counts only, see exam_toets_counts).

with exams as (
    select * from cbr_exams_weekly
),

constants as (
    select 1.959963984540054 as z
),

chosen_weeks as (
    select *
    from exams
    where list_contains($products, productcode)
),

rolling as (
    select
        *,
        cast(sum(voldoende) over recent as bigint) as window_voldoende,
        cast(sum(totaal) over recent as bigint) as window_n,
        count(suppression) over recent as suppressed_weeks,
        max(suppression) over recent as window_suppression
    from chosen_weeks
    window recent as (
        partition by productcode
        order by week_start
        range between to_weeks($window - 1) preceding and current row
    )
),

rated as (
    select
        *,
        case when suppressed_weeks > 0 then window_suppression end as rate_suppression,
        case
            when is_toets or suppressed_weeks > 0 or window_n is null or window_n = 0 then null
            else window_voldoende / window_n
        end as rate,
        cast(window_n as double) as n_double  -- 4 * n * n overflows an INT32 above n = 23,170
    from rolling
),

with_interval as (
    select
        rated.*,
        (rate + z * z / (2 * n_double)) / (1 + z * z / n_double) as centre,
        z * sqrt(rate * (1 - rate) / n_double + z * z / (4 * n_double * n_double)) / (1 + z * z / n_double) as half_width
    from rated
    cross join constants
),

final as (
    select
        this_year.week_start,
        this_year.jaar,
        this_year.week,
        this_year.productcode,
        this_year.productnaam,
        this_year.is_toets,
        this_year.totaal,
        this_year.voldoende,
        this_year.onvoldoende,
        this_year.particulier,
        this_year.tolk,
        this_year.particulier / nullif(this_year.totaal, 0) as particulier_share,
        this_year.tolk / nullif(this_year.totaal, 0) as tolk_share,
        this_year.window_n as n,
        this_year.window_voldoende as n_voldoende,
        this_year.rate,
        this_year.centre - this_year.half_width as ci_low,
        this_year.centre + this_year.half_width as ci_high,
        year_before.rate as rate_year_before,
        year_before.window_n as n_year_before,
        this_year.suppression,
        this_year.rate_suppression,
        this_year.suppressed_weeks,
        year_before.rate_suppression as rate_year_before_suppression
    from with_interval as this_year
    left join with_interval as year_before
        on year_before.productcode = this_year.productcode
        and year_before.jaar = this_year.jaar - 1
        and year_before.week = this_year.week
    where this_year.week_start between $date_from and $date_to
)

select * from final
order by productcode, week_start
