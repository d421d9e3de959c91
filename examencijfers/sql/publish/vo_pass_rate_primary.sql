-- Question: which VO count cells are suppressed before any margin is considered (primary suppression)?
-- Parameters: getvariable('vo_min_count') = k (default 5): counts 1..k-1 are suppressed, and so are the
--   passes of a group of fewer than k candidates; getvariable('vo_extreme_rate_group') (default 10): the
--   passes of a group smaller than this with 0% or 100% passed are suppressed (extreme_rate).
-- Input: publish_vo_levels.
-- Output: one row per cell (row_id x column), value and reason (NULL = publishable so far). The hidden
--   REST group (TOTAAL - MAN - VROUW) is never published and never counted on to protect anything (an
--   attacker may take it for 0); it is 'primary' when small, so that its gender margin gets protected;
--   NULL otherwise, also when unknown (built from a source "<5").
with

cells as (
    select * from publish_vo_levels
),

judged as (
    select
        row_id,
        kandidaten,
        case
            when geslacht = 'REST' and kandidaten_unknown then null
            when kandidaten_unknown then 'source_lt5'
            when kandidaten between 1 and getvariable('vo_min_count') - 1 then 'primary'
        end as kandidaten_reason,
        geslaagden,
        case
            when geslacht = 'REST' and (geslaagden_unknown or kandidaten_unknown) then null
            when geslaagden_unknown then 'source_lt5'
            when kandidaten_unknown then 'source_lt5'
            when kandidaten between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when geslaagden between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when kandidaten between 1 and getvariable('vo_extreme_rate_group') - 1
                and geslaagden in (0, kandidaten) then 'extreme_rate'
        end as geslaagden_reason
    from cells
),

final as (
    select row_id, 'examenkandidaten' as column_name, kandidaten as value, kandidaten_reason as reason
    from judged
    union all
    select row_id, 'geslaagden', geslaagden, geslaagden_reason
    from judged
)

select * from final
