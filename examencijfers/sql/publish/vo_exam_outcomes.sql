-- Question: how many of the deliveries' exam candidates withdrew, took a spread exam or a deelexamen, per
--   vestiging x ILT code x schooljaar, as published?
-- Parameters: getvariable('vo_min_count') = k: counts from 1 to k-1 are suppressed (primary).
-- Input: wh.deliveries_exam_results (sql/deliveries_aggregates.sql).
-- Output: the vo_exam_outcomes contract. These counts are no part of any other published count (geslaagd
--   and afgewezen are in vo_pass_rates; the total of all candidates is not published), so primary
--   suppression is all they need.
with

results as (
    select * from wh.deliveries_exam_results
),

final as (
    select
        'deliveries' as source,
        schooljaar,
        instellingscode,
        vestigingscode,
        vestigingsnaam,
        gemeentenaam,
        provincie,
        ilt_code,
        opleidingsnaam,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        case when teruggetrokken not between 1 and getvariable('vo_min_count') - 1 then teruggetrokken end
            as teruggetrokken,
        case when teruggetrokken between 1 and getvariable('vo_min_count') - 1 then 'primary' end
            as teruggetrokken_suppression,
        case when gespreid not between 1 and getvariable('vo_min_count') - 1 then gespreid end as gespreid,
        case when gespreid between 1 and getvariable('vo_min_count') - 1 then 'primary' end
            as gespreid_suppression,
        case when deelexamen not between 1 and getvariable('vo_min_count') - 1 then deelexamen end
            as deelexamen,
        case when deelexamen between 1 and getvariable('vo_min_count') - 1 then 'primary' end
            as deelexamen_suppression
    from results
)

select * from final
