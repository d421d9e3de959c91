-- Question: Which Opleiderresultaten publications (rolling years) are there, newest first?
-- Output: publication, period_start, period_end

with results as (
    select * from cbr_opleider_results
),

final as (
    select
        publication,
        min(period_start) as period_start,
        max(period_end) as period_end
    from results
    group by publication
)

select * from final
order by period_end desc
