-- Question: public lineage, the files the figures come from (a copy of the warehouse's sources table).
-- Parameters: none.  Output: the sources contract.
with

sources as (
    select * from wh.sources
),

final as (
    select source_id, file_name, sha256, dataset, layout, publication, period_start, period_end,
           row_count, synthetic, loaded_at
    from sources
)

select * from final
