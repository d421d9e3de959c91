-- Question: How are the schools' average grades for one vak spread, for an onderwijstype in a
--   schooljaar (the national distribution a school is placed in)?
-- Param onderwijstype (varchar): e.g. 'HAVO'.
-- Param vakcode (varchar): the vak.
-- Param schooljaar (varchar): e.g. '2023-2024'.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: vestigingscode, vestigingsnaam, gem_se, gem_ce, gem_cijferlijst, aantal_ce, gem_ce_suppression,
--   leerweg, gem_se_suppression, gem_cijferlijst_suppression, se_ce_gap, se_ce_gap_suppression,
--   ce_percentile, aantal_ce_suppression
-- Note: protected grades are NULL with their reason and take no part in the percentiles; ce_percentile
--   is the share of the other schools (same leerweg) with a lower published CE average.

with subject_grades as (
    select * from vo_subject_grades
    where source = $source
),

chosen as (
    select *
    from subject_grades
    where onderwijstype = $onderwijstype
        and vakcode = $vakcode
        and schooljaar = $schooljaar
),

ce_ranks as (
    select
        vestigingscode,
        leerweg,
        percent_rank() over (partition by leerweg order by gem_ce) as ce_percentile
    from chosen
    where gem_ce is not null
),

final as (
    select
        chosen.vestigingscode,
        chosen.vestigingsnaam,
        chosen.gem_se,
        chosen.gem_ce,
        chosen.gem_cijferlijst,
        chosen.aantal_ce,
        chosen.gem_ce_suppression,
        chosen.leerweg,
        chosen.gem_se_suppression,
        chosen.gem_cijferlijst_suppression,
        chosen.gem_se - chosen.gem_ce as se_ce_gap,
        coalesce(chosen.gem_se_suppression, chosen.gem_ce_suppression) as se_ce_gap_suppression,
        ce_ranks.ce_percentile,
        chosen.aantal_ce_suppression
    from chosen
    left join ce_ranks
        on ce_ranks.vestigingscode = chosen.vestigingscode
        and ce_ranks.leerweg is not distinct from chosen.leerweg
)

select * from final
order by gem_ce nulls last, vestigingscode
