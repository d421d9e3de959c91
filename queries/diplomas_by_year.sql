-- Question: How many diplomas were issued per year and diploma code, and how much more or fewer than
--   the year before (over the same ISO weeks, so a partly published year compares like with like)?
-- Output: jaar, diplomacode, diplomaomschrijving, weeks, suppressed_weeks, aantal_complete, aantal,
--   aantal_year_before, change, change_pct, change_suppression, aantal_same_weeks
-- Note: aantal sums the published weeks only; aantal_complete is false when suppressed weeks are missing
--   from it. The change compares the weeks present in both years and is NULL (with the reason) when any
--   of those weeks is suppressed in either year: aantal_same_weeks is this year's count over exactly
--   the weeks that aantal_year_before counts, so the two stand side by side.

with diplomas as (
    select * from cbr_diplomas_weekly
),

yearly as (
    select
        jaar,
        diplomacode,
        max(diplomaomschrijving) as diplomaomschrijving,
        count(*) as weeks,
        count(suppression) as suppressed_weeks,
        count(suppression) = 0 as aantal_complete,
        cast(sum(aantal) as bigint) as aantal
    from diplomas
    group by jaar, diplomacode
),

paired_weeks as (
    select
        this_year.jaar,
        this_year.diplomacode,
        this_year.aantal,
        year_before.aantal as aantal_year_before,
        coalesce(this_year.suppression, year_before.suppression) as reason
    from diplomas as this_year
    inner join diplomas as year_before
        on year_before.diplomacode = this_year.diplomacode
        and year_before.jaar = this_year.jaar - 1
        and year_before.week = this_year.week
),

compared as (
    select
        jaar,
        diplomacode,
        count(reason) as suppressed_pairs,
        min(reason) as first_reason,
        cast(sum(aantal) as bigint) as aantal_paired,
        cast(sum(aantal_year_before) as bigint) as aantal_year_before
    from paired_weeks
    group by jaar, diplomacode
),

final as (
    select
        yearly.jaar,
        yearly.diplomacode,
        yearly.diplomaomschrijving,
        yearly.weeks,
        yearly.suppressed_weeks,
        yearly.aantal_complete,
        yearly.aantal,
        case when compared.suppressed_pairs = 0 then compared.aantal_year_before end as aantal_year_before,
        case when compared.suppressed_pairs = 0
            then compared.aantal_paired - compared.aantal_year_before end as change,
        case when compared.suppressed_pairs = 0
            then (compared.aantal_paired - compared.aantal_year_before) / nullif(compared.aantal_year_before, 0)
        end as change_pct,
        case when compared.suppressed_pairs > 0 then compared.first_reason end as change_suppression,
        case when compared.suppressed_pairs = 0 then compared.aantal_paired end as aantal_same_weeks
    from yearly
    left join compared using (jaar, diplomacode)
)

select * from final
order by diplomacode, jaar
