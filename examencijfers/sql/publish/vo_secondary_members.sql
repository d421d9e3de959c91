-- Question: every published-side cell of every VO margin group, with its value and suppression so far.
-- Parameters: none.  Input: publish_vo_margins, publish_vo_cells.
-- Output: one row per margin group x member row x count column: group_key, role, row_id, column_name,
--   value, reason. Made once before the rounds of secondary suppression (vo_secondary_round.sql), which
--   then update its reason beside publish_vo_cells: joining the 885,000 margin rows to the 680,000 cells
--   again in every round was half of each round.
with

cells as (
    select * from publish_vo_cells
),

margins as (
    select * from publish_vo_margins
),

final as (
    select margins.group_key, margins.role, cells.row_id, cells.column_name, cells.value, cells.reason
    from margins
    join cells using (row_id)
)

select * from final
