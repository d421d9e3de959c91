-- Question: Per diploma code, how many diplomas were issued in the latest N weeks of the publication, and
--   in the same weeks (52 weeks earlier) a year before? Headline volumes.
-- Param weeks (integer): the number of most recent weeks taken together.
-- Output: period, diplomacode, diplomaomschrijving, week_from, week_to, weeks, suppressed_weeks, aantal,
--   suppression
-- Note: aantal sums the published weeks only and is NULL (with the reason of the first withheld week)
--   when a week of the period is suppressed, so a total never counts a withheld week as zero.

with diplomas as (
    select * from cbr_diplomas_weekly
),

last_week as (
    select max(week_start) as last_start
    from diplomas
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
        diplomas.diplomacode,
        max(diplomas.diplomaomschrijving) as diplomaomschrijving,
        min(periods.week_from) as week_from,
        max(periods.week_to) as week_to,
        count(*) as weeks,
        count(diplomas.suppression) as suppressed_weeks,
        cast(sum(diplomas.aantal) as bigint) as aantal_published,
        min(diplomas.suppression) as first_reason
    from periods
    inner join diplomas
        on diplomas.week_start between periods.week_from and periods.week_to
    group by periods.period, diplomas.diplomacode
),

final as (
    select
        period,
        diplomacode,
        diplomaomschrijving,
        week_from,
        week_to,
        weeks,
        suppressed_weeks,
        case when suppressed_weeks = 0 then aantal_published end as aantal,
        case when suppressed_weeks > 0 then first_reason end as suppression
    from summed
)

select * from final
order by diplomacode, period
