-- Question: VO results and average grades per vestiging x onderwijstype x leerweg x sector x afdeling,
--   as published: small counts and averages over few pupils hidden, and no hidden count derivable
--   from its row (examenkandidaten = geslaagden + gezakten).
-- Parameters: getvariable('vo_min_count') = k (default 5).
-- Input: wh.duo_geslaagden_cijfers (DUO "geslaagden, gezakten en cijfers"), newest source per school year.
-- Output: the vo_results_by_afdeling contract.
--   primary     a count from 1 to k-1 (gezakten too); every count and average of a row with fewer than k
--               candidates; a source "<5" stays source_lt5;
--   extreme     0% or 100% passed in a group smaller than getvariable('vo_extreme_rate_group'): passes hidden;
--   secondary   a row with exactly one hidden part of kandidaten = geslaagden + gezakten hides the other;
--   averages    hidden with the candidates' reason (a row of fewer than k pupils, or unknown size).
-- No margins over afdelingen or vestigingen are published in this table, so the row is the only group.
with

results as (
    select *
    from wh.duo_geslaagden_cijfers
    qualify dense_rank() over (partition by schooljaar order by source_id desc) = 1
),

primary_judged as (
    select
        results.*,
        case
            when examenkandidaten_source_suppressed then 'source_lt5'
            when examenkandidaten between 1 and getvariable('vo_min_count') - 1 then 'primary'
        end as kandidaten_reason_1,
        case
            when geslaagden_source_suppressed then 'source_lt5'
            when geslaagden between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when examenkandidaten_source_suppressed then 'source_lt5'
            when examenkandidaten between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when examenkandidaten between 1 and getvariable('vo_extreme_rate_group') - 1
                and 0 in (geslaagden, gezakten) then 'extreme_rate'
        end as geslaagden_reason_1,
        case
            when gezakten_source_suppressed then 'source_lt5'
            when gezakten between 1 and getvariable('vo_min_count') - 1 then 'primary'
            when examenkandidaten_source_suppressed then 'source_lt5'
            when examenkandidaten between 1 and getvariable('vo_min_count') - 1 then 'primary'
        end as gezakten_reason_1
    from results
),

settled as (
    -- kandidaten hidden implies both parts hidden (primary), so the only exposed rows are those with
    -- exactly one part hidden: hide the other part
    select
        primary_judged.*,
        kandidaten_reason_1 as kandidaten_reason,
        coalesce(geslaagden_reason_1, case when gezakten_reason_1 is not null then 'secondary' end)
            as geslaagden_reason,
        coalesce(gezakten_reason_1, case when geslaagden_reason_1 is not null then 'secondary' end)
            as gezakten_reason,
        case
            when examenkandidaten_source_suppressed then 'source_lt5'
            when examenkandidaten < getvariable('vo_min_count') then 'primary'
        end as average_reason
    from primary_judged
),

final as (
    select
        'duo' as source,
        schooljaar,
        instellingscode,
        vestigingscode,
        vestigingsnaam,
        gemeentenaam,
        provincie,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        case when kandidaten_reason is null then examenkandidaten end as examenkandidaten,
        kandidaten_reason as examenkandidaten_suppression,
        case when geslaagden_reason is null then geslaagden end as geslaagden,
        geslaagden_reason as geslaagden_suppression,
        case when gezakten_reason is null then gezakten end as gezakten,
        gezakten_reason as gezakten_suppression,
        case when average_reason is null then gem_cijfer_se end as gem_cijfer_se,
        case when gem_cijfer_se is not null then average_reason end as gem_cijfer_se_suppression,
        case when average_reason is null then gem_cijfer_ce end as gem_cijfer_ce,
        case when gem_cijfer_ce is not null then average_reason end as gem_cijfer_ce_suppression,
        case when average_reason is null then gem_cijfer_cijferlijst end as gem_cijfer_cijferlijst,
        case when gem_cijfer_cijferlijst is not null then average_reason end
            as gem_cijfer_cijferlijst_suppression
    from settled
)

select * from final
