-- Question: one round of secondary (complementary) suppression over the VO margins.
-- Rule (deterministic greedy): in every margin group (a total and its parts, see vo_pass_rate_margins.sql)
--   in which exactly one member is suppressed, that member could be recovered by subtraction; suppress
--   one more member: a part before the total, a non-zero cell before a zero (a suppressed 0 next to a
--   small cell would tell little), the smallest value first (least information lost), then the lowest
--   row_id. The publish step repeats this round until no group has exactly one suppressed member.
-- Parameters: none.  Input: publish_vo_cells (updated in place), publish_vo_margins.
-- Output: the cells (row_id, column_name) to suppress as 'secondary' in this round.
with

cells as (
    select * from publish_vo_cells
),

margins as (
    select * from publish_vo_margins
),

members as (
    select margins.group_key, margins.role, cells.*
    from margins
    join cells using (row_id)
),

exposed_groups as (
    select group_key, column_name
    from members
    group by group_key, column_name
    having count(*) filter (where reason is not null) = 1
),

candidates as (
    select members.*
    from members
    join exposed_groups using (group_key, column_name)
    where members.reason is null
      and members.value is not null  -- an unknown hidden REST cannot protect anything
),

chosen as (
    select row_id, column_name
    from candidates
    qualify row_number() over (
        partition by group_key, column_name
        order by role = 'total', value = 0, value, row_id
    ) = 1
),

final as (
    select distinct row_id, column_name from chosen
)

select * from final
