-- Question: VO grades per vestiging x vak (x leerweg) as published: no count from 1 to k-1, no average
--   over fewer than k pupils.
-- Parameters: getvariable('vo_min_count') = k (default 5).
-- Input: wh.duo_examencijfers (DUO "examenkandidaten ... en examencijfers"), newest source per school year;
--   publish_deliveries_subject_grades (the deliveries' rows at this grain, source 'deliveries').
-- Output: the vo_subject_grades contract. DUO splits a vak by schoolexamen-beoordeling; the rows of one
--   vestiging x vak x leerweg are added up (counts summed, averages weighted by their counts).
--   aantal_se / gem_se are the SE grades (aantal_se_cijfer), aantal_ce / gem_ce the central exam;
--   gem_cijferlijst is hidden with the larger of the two counts. These files carry no "<5"; counts
--   here are not margins of any other published count, so no secondary suppression is needed (the
--   deliveries' vo_subject_details has the same grain and the same counts, so the same pattern).
with

grades as (
    select *
    from wh.duo_examencijfers
    qualify dense_rank() over (partition by schooljaar order by source_id desc) = 1
),

per_vak as (
    select
        schooljaar, instellingscode, vestigingscode,
        any_value(vestigingsnaam) as vestigingsnaam, any_value(gemeentenaam) as gemeentenaam,
        any_value(provincie) as provincie, onderwijstype, leerweg, vakcode,
        any_value(vakafkorting) as vakafkorting, any_value(vaknaam) as vaknaam,
        sum(aantal_se_cijfer) as aantal_se,
        round(sum(gem_se_cijfer * aantal_se_cijfer) / nullif(sum(aantal_se_cijfer) filter
            (where gem_se_cijfer is not null), 0), 1) as gem_se,
        sum(aantal_ce) as aantal_ce,
        round(sum(gem_ce_cijfer * aantal_ce) / nullif(sum(aantal_ce) filter
            (where gem_ce_cijfer is not null), 0), 1) as gem_ce,
        round(sum(gem_cijfer_cijferlijst * greatest(aantal_se_cijfer, aantal_ce)) / nullif(sum(
            greatest(aantal_se_cijfer, aantal_ce)) filter (where gem_cijfer_cijferlijst is not null), 0), 1)
            as gem_cijferlijst
    from grades
    group by schooljaar, instellingscode, vestigingscode, onderwijstype, leerweg, vakcode
),

all_rows as (
    select 'duo' as source, * from per_vak
    union all by name
    select
        source, schooljaar, instellingscode, vestigingscode, vestigingsnaam, gemeentenaam, provincie, onderwijstype,
        leerweg, vakcode, vakafkorting, vaknaam, aantal_se, round(gem_se, 1) as gem_se, aantal_ce,
        round(gem_ce, 1) as gem_ce, round(gem_cijferlijst, 1) as gem_cijferlijst
    from publish_deliveries_subject_grades
),

judged as (
    select
        all_rows.*,
        case when aantal_se between 1 and getvariable('vo_min_count') - 1 then 'primary' end as se_reason,
        case when aantal_ce between 1 and getvariable('vo_min_count') - 1 then 'primary' end as ce_reason,
        case when greatest(coalesce(aantal_se, 0), coalesce(aantal_ce, 0)) < getvariable('vo_min_count')
            then 'primary' end as cijferlijst_reason
    from all_rows
),

final as (
    select
        source, schooljaar, instellingscode, vestigingscode, vestigingsnaam, gemeentenaam, provincie,
        onderwijstype, leerweg, vakcode, vakafkorting, vaknaam,
        case when se_reason is null then aantal_se end as aantal_se,
        se_reason as aantal_se_suppression,
        case when se_reason is null then gem_se end as gem_se,
        case when gem_se is not null then se_reason end as gem_se_suppression,
        case when ce_reason is null then aantal_ce end as aantal_ce,
        ce_reason as aantal_ce_suppression,
        case when ce_reason is null then gem_ce end as gem_ce,
        case when gem_ce is not null then ce_reason end as gem_ce_suppression,
        case when cijferlijst_reason is null then gem_cijferlijst end as gem_cijferlijst,
        case when gem_cijferlijst is not null then cijferlijst_reason end as gem_cijferlijst_suppression
    from judged
)

select * from final
