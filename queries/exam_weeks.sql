-- Question: Which weeks does the exam publication cover (first and last week start)?
-- Output: first_week, last_week

with exams as (
    select * from cbr_exams_weekly
),

final as (
    select
        min(week_start) as first_week,
        max(week_start) as last_week
    from exams
)

select * from final
