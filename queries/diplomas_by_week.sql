-- Question: How many driving licences (diplomas) were issued per week and diploma code, and how does
--   that compare with the same ISO week a year earlier?
-- Param codes (varchar[]): diplomacodes to show.
-- Param date_from (date): first week_start shown.
-- Param date_to (date): last week_start shown.
-- Output: week_start, jaar, week, diplomacode, diplomaomschrijving, aantal, suppression,
--   aantal_year_before, suppression_year_before, change, change_pct, change_suppression
-- Note: a suppressed count is NULL with its reason; the change is NULL when either week is suppressed,
--   and change_suppression then gives the reason (this year's first).

with diplomas as (
    select * from cbr_diplomas_weekly
),

chosen as (
    select *
    from diplomas
    where list_contains($codes, diplomacode)
),

final as (
    select
        this_year.week_start,
        this_year.jaar,
        this_year.week,
        this_year.diplomacode,
        this_year.diplomaomschrijving,
        this_year.aantal,
        this_year.suppression,
        year_before.aantal as aantal_year_before,
        year_before.suppression as suppression_year_before,
        this_year.aantal - year_before.aantal as change,
        (this_year.aantal - year_before.aantal) / nullif(year_before.aantal, 0) as change_pct,
        coalesce(this_year.suppression, year_before.suppression) as change_suppression
    from chosen as this_year
    left join chosen as year_before
        on year_before.diplomacode = this_year.diplomacode
        and year_before.jaar = this_year.jaar - 1
        and year_before.week = this_year.week
    where this_year.week_start between $date_from and $date_to
)

select * from final
order by diplomacode, week_start
