-- Question: What share of CBR exams passed per week, per product or per licence category, over a
--   rolling window of weeks, with Wilson 95% interval and the same ISO week a year earlier?
-- Identifier grouping (productcode | categoriecode): group by product or by category.
-- Param date_from (date): first week_start shown (earlier weeks still feed the rolling window).
-- Param date_to (date): last week_start shown.
-- Param window (integer, default 1): number of weeks in the rolling window, ending at the week shown.
-- Output: week_start, jaar, week, group_code, group_name, parts, suppressed_parts, totaal_complete,
--   totaal, voldoende, onvoldoende, n, n_voldoende, rate, ci_low, ci_high, rate_suppression, rate_year_before,
--   n_year_before, rate_year_before_suppression
-- Note: tussentijdse toetsen (no result) are left out. totaal, voldoende and onvoldoende of a week sum
--   the published products only; totaal_complete is false when a suppressed product is missing from
--   them. A window with any suppressed part has a NULL rate, with the reason in rate_suppression.
--   n and n_voldoende are the window's counts (what the rate is of).

with exams as (
    select * from cbr_exams_weekly
),

constants as (
    select 1.959963984540054 as z
),

with_result as (
    select
        *,
        {{grouping}} as group_code,
        case when '{{grouping}}' = 'productcode' then productnaam else categorienaam end as group_label
    from exams
    where not is_toets
),

weekly as (
    select
        week_start,
        jaar,
        week,
        group_code,
        max(group_label) as group_name,
        count(*) as parts,
        count(suppression) as suppressed_parts,
        count(suppression) = 0 as totaal_complete,
        min(suppression) as first_reason,
        cast(sum(totaal) as bigint) as totaal,
        cast(sum(voldoende) as bigint) as voldoende,
        cast(sum(onvoldoende) as bigint) as onvoldoende
    from with_result
    group by week_start, jaar, week, group_code
),

rolling as (
    select
        *,
        cast(sum(voldoende) over recent as bigint) as window_voldoende,
        cast(sum(totaal) over recent as bigint) as n,
        cast(sum(suppressed_parts) over recent as bigint) as window_suppressed,
        min(first_reason) over recent as window_reason
    from weekly
    window recent as (
        partition by group_code
        order by week_start
        range between to_weeks($window - 1) preceding and current row
    )
),

rated as (
    select
        rolling.*,
        case when window_suppressed > 0 then window_reason end as rate_suppression,
        case
            when window_suppressed > 0 or n is null or n = 0 then null
            else window_voldoende / n
        end as rate,
        cast(n as double) as n_double,  -- 4 * n * n overflows an INT32 above n = 23,170
        constants.z
    from rolling
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
        this_year.week_start,
        this_year.jaar,
        this_year.week,
        this_year.group_code,
        this_year.group_name,
        this_year.parts,
        this_year.suppressed_parts,
        this_year.totaal_complete,
        this_year.totaal,
        this_year.voldoende,
        this_year.onvoldoende,
        this_year.n,
        this_year.window_voldoende as n_voldoende,
        this_year.rate,
        this_year.ci_low,
        this_year.ci_high,
        this_year.rate_suppression,
        year_before.rate as rate_year_before,
        year_before.n as n_year_before,
        year_before.rate_suppression as rate_year_before_suppression
    from with_interval as this_year
    left join with_interval as year_before
        on year_before.group_code = this_year.group_code
        and year_before.jaar = this_year.jaar - 1
        and year_before.week = this_year.week
    where this_year.week_start between $date_from and $date_to
)

select * from final
order by group_code, week_start
