-- Question: How many exams with a result, tussentijdse toetsen and diplomas were there in the latest N
--   weeks of the publications, against the same weeks a year before, counting in both periods only the
--   products (or diploma codes) that are published in every one of those weeks?
-- Param weeks (integer): the number of most recent weeks taken together.
-- Output: measure, period, week_from, week_to, total, parts_included, parts_excluded
-- Note: measure is 'exams' (products with a result), 'toetsen' (tussentijdse toetsen) or 'diplomas'. A
--   product with a withheld or missing week in either period is left out of both totals (and counted
--   in parts_excluded), so the totals compare like with like and a withheld count is never taken as 0.

with exams as (
    select * from cbr_exams_weekly
),

diplomas as (
    select * from cbr_diplomas_weekly
),

counts as (
    select
        case when is_toets then 'toetsen' else 'exams' end as measure,
        productcode as part,
        week_start,
        totaal as amount
    from exams
    union all
    select
        'diplomas' as measure,
        diplomacode as part,
        week_start,
        aantal as amount
    from diplomas
),

last_week as (
    select measure, max(week_start) as last_start
    from counts
    group by measure
),

periods as (
    select
        measure,
        'latest' as period,
        cast(last_start - to_weeks($weeks - 1) as date) as week_from,
        last_start as week_to
    from last_week
    union all
    select
        measure,
        'year_before' as period,
        cast(last_start - to_weeks($weeks - 1) - to_weeks(52) as date) as week_from,
        cast(last_start - to_weeks(52) as date) as week_to
    from last_week
),

per_part as (
    select
        periods.measure,
        periods.period,
        counts.part,
        count(counts.amount) as published_weeks,
        sum(counts.amount) as amount
    from periods
    inner join counts
        on counts.measure = periods.measure
        and counts.week_start between periods.week_from and periods.week_to
    group by periods.measure, periods.period, counts.part
),

comparable as (
    select
        measure,
        part,
        count(*) = 2 and bool_and(published_weeks = $weeks) as complete
    from per_part
    group by measure, part
),

final as (
    select
        periods.measure,
        periods.period,
        periods.week_from,
        periods.week_to,
        cast(coalesce(sum(per_part.amount) filter (where comparable.complete), 0) as bigint) as total,
        count(distinct comparable.part) filter (where comparable.complete) as parts_included,
        count(distinct comparable.part) filter (where not comparable.complete) as parts_excluded
    from periods
    left join per_part using (measure, period)
    left join comparable using (measure, part)
    group by periods.measure, periods.period, periods.week_from, periods.week_to
)

select * from final
order by measure, period
