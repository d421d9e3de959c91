-- Question: How many tussentijdse toetsen were taken per week and product? Counts only: a toets has no
--   result. With the count of the same ISO week a year earlier.
-- Param date_from (date): first week_start shown.
-- Param date_to (date): last week_start shown.
-- Output: week_start, jaar, week, productcode, productnaam, categoriecode, totaal, suppression,
--   totaal_year_before, suppression_year_before, change
-- Note: a suppressed week has a NULL count and its reason; the change is NULL when either week is.

with exams as (
    select * from cbr_exams_weekly
),

toetsen as (
    select *
    from exams
    where is_toets
),

final as (
    select
        this_year.week_start,
        this_year.jaar,
        this_year.week,
        this_year.productcode,
        this_year.productnaam,
        this_year.categoriecode,
        this_year.totaal,
        this_year.suppression,
        year_before.totaal as totaal_year_before,
        year_before.suppression as suppression_year_before,
        this_year.totaal - year_before.totaal as change
    from toetsen as this_year
    left join toetsen as year_before
        on year_before.productcode = this_year.productcode
        and year_before.jaar = this_year.jaar - 1
        and year_before.week = this_year.week
    where this_year.week_start between $date_from and $date_to
)

select * from final
order by productcode, week_start
