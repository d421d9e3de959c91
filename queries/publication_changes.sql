-- Question: What did the latest publication of each dataset add: its period and rows, against the
--   publication before it (for "what changed" on the overview)?
-- Output: dataset, publication, period_start, period_end, row_count, synthetic, previous_publication,
--   previous_period_end, previous_row_count, new_days

with lineage as (
    select * from sources
),

ordered as (
    select
        dataset,
        publication,
        period_start,
        period_end,
        row_count,
        synthetic,
        row_number() over (partition by dataset order by period_end desc nulls last, source_id desc) as recency
    from lineage
),

latest as (
    select * from ordered where recency = 1
),

previous as (
    select * from ordered where recency = 2
),

final as (
    select
        latest.dataset,
        latest.publication,
        latest.period_start,
        latest.period_end,
        latest.row_count,
        latest.synthetic,
        previous.publication as previous_publication,
        previous.period_end as previous_period_end,
        previous.row_count as previous_row_count,
        date_diff('day', previous.period_end, latest.period_end) as new_days
    from latest
    left join previous using (dataset)
)

select * from final
order by dataset
