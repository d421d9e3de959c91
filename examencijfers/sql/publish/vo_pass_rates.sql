-- Question: VO pass rates as published: every suppressed count NULL with its reason.
-- Parameters: none (the pattern is settled in publish_vo_cells).
-- Input: publish_vo_levels, publish_vo_cells (both sources: duo and deliveries).
-- Output: the vo_pass_rates contract. The rate is our own (geslaagden / examenkandidaten, one decimal),
--   never DUO's SLAAGPERC; it is suppressed whenever either count is (with the count's reason, passes
--   first), since a rate beside one count gives the other. The REST group is not published.
with

cells as (
    select * from publish_vo_levels where geslacht <> 'REST'
),

patterns as (
    select
        row_id,
        max(value) filter (where column_name = 'examenkandidaten') as kandidaten,
        max(reason) filter (where column_name = 'examenkandidaten') as kandidaten_reason,
        max(value) filter (where column_name = 'geslaagden') as geslaagden,
        max(reason) filter (where column_name = 'geslaagden') as geslaagden_reason
    from publish_vo_cells
    group by row_id
),

final as (
    select
        cells.source,
        cells.level,
        cells.area_code,
        cells.area_name,
        cells.instellingscode,
        cells.gemeentenaam,
        cells.provincie,
        cells.onderwijstype,
        cells.inspectiecode,
        cells.opleidingsnaam,
        cells.schooljaar,
        cells.geslacht,
        case when patterns.kandidaten_reason is null then patterns.kandidaten end as examenkandidaten,
        patterns.kandidaten_reason as examenkandidaten_suppression,
        case when patterns.geslaagden_reason is null then patterns.geslaagden end as geslaagden,
        patterns.geslaagden_reason as geslaagden_suppression,
        case
            when patterns.kandidaten_reason is null and patterns.geslaagden_reason is null
                and patterns.kandidaten > 0
            then round(100.0 * patterns.geslaagden / patterns.kandidaten, 1)
        end as slaagpercentage,
        coalesce(patterns.geslaagden_reason, patterns.kandidaten_reason) as slaagpercentage_suppression
    from cells
    join patterns using (row_id)
)

select * from final
