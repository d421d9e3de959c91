-- Question: one round of secondary (complementary) suppression over the VO margins.
-- Rule (deterministic greedy): a margin group (a total and its parts, see vo_pass_rate_margins.sql) is
--   exposed when exactly one of its published-side members is suppressed (that member would follow by
--   subtraction), or when none is but its hidden REST part is a small cell (TOTAAL - MAN - VROUW would
--   give it). In every exposed group suppress one more member: a part before the total, a non-zero cell
--   before a zero (a suppressed 0 next to a small cell would tell little), the smallest value first
--   (least information lost), then the lowest row_id. The publish step repeats this round until no group
--   is exposed. Hidden and unknown cells are never chosen: they cannot protect anything.
-- Parameters: none.  Input: publish_vo_members (vo_secondary_members.sql; its reason updated in place).
-- Output: the cells (row_id, column_name) to suppress as 'secondary' in this round.
with

members as (
    select * from publish_vo_members
),

exposed_groups as (
    select group_key, column_name
    from members
    group by group_key, column_name
    having count(*) filter (where reason is not null and role <> 'hidden') = 1
        or (count(*) filter (where reason is not null and role <> 'hidden') = 0
            and count(*) filter (where reason is not null and role = 'hidden') > 0)
),

candidates as (
    select members.*
    from members
    join exposed_groups using (group_key, column_name)
    where members.reason is null
      and members.role <> 'hidden'
      and members.value is not null
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
