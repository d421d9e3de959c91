-- Question: Which weeks does the diploma publication cover (first and last week start)?
-- Output: first_week, last_week

with diplomas as (
    select * from cbr_diplomas_weekly
),

final as (
    select
        min(week_start) as first_week,
        max(week_start) as last_week
    from diplomas
)

select * from final
