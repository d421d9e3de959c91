-- Question: Which source files do the published figures come from (lineage), and are they synthetic?
-- Output: source_id, file_name, dataset, layout, publication, period_start, period_end, row_count,
--   synthetic, loaded_at

with lineage as (
    select * from sources
),

final as (
    select
        source_id,
        file_name,
        dataset,
        layout,
        publication,
        period_start,
        period_end,
        row_count,
        synthetic,
        loaded_at
    from lineage
)

select * from final
order by dataset, period_end
