-- Question: how many pupils were enrolled on the teldatum per vestiging x ILT code x leerjaar, how many
--   were nieuwkomers (by verblijfsduur), and how many had years of praktijkonderwijs, as published?
-- Parameters: getvariable('vo_min_count') = k.
-- Input: wh.deliveries_enrolment (sql/deliveries_aggregates.sql).
-- Output: the vo_enrolment contract.
--   primary   a count from 1 to k-1; every count of a row with fewer than k pupils; the mean years of
--             praktijkonderwijs over fewer than k pupils.
--   No total over leerjaren, ILT codes or vestigingen is published, so a row is no part of another
--   published count and needs no complementary cells.
with

enrolment as (
    select * from wh.deliveries_enrolment
),

judged as (
    select
        enrolment.*,
        case when leerlingen between 1 and getvariable('vo_min_count') - 1 then 'primary' end as leerlingen_reason,
        case when leerlingen between 1 and getvariable('vo_min_count') - 1
                or nieuwkomers_d1 between 1 and getvariable('vo_min_count') - 1 then 'primary' end as d1_reason,
        case when leerlingen between 1 and getvariable('vo_min_count') - 1
                or nieuwkomers_d2 between 1 and getvariable('vo_min_count') - 1 then 'primary' end as d2_reason,
        case when leerlingen between 1 and getvariable('vo_min_count') - 1
                or leerlingen_met_jaren_pro between 1 and getvariable('vo_min_count') - 1 then 'primary' end
            as pro_reason
    from enrolment
),

final as (
    select
        'deliveries' as source,
        teldatum,
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
        leerjaar,
        case when leerlingen_reason is null then leerlingen end as leerlingen,
        leerlingen_reason as leerlingen_suppression,
        case when d1_reason is null then nieuwkomers_d1 end as nieuwkomers_d1,
        d1_reason as nieuwkomers_d1_suppression,
        case when d2_reason is null then nieuwkomers_d2 end as nieuwkomers_d2,
        d2_reason as nieuwkomers_d2_suppression,
        case when pro_reason is null then leerlingen_met_jaren_pro end as leerlingen_praktijkonderwijs,
        pro_reason as leerlingen_praktijkonderwijs_suppression,
        case when leerlingen_met_jaren_pro >= getvariable('vo_min_count')
            then round(gem_jaren_praktijkonderwijs, 1) end as gem_jaren_praktijkonderwijs,
        case when leerlingen_met_jaren_pro between 1 and getvariable('vo_min_count') - 1
            then 'primary' end as gem_jaren_praktijkonderwijs_suppression
    from judged
)

select * from final
