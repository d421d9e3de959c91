-- Question: VO results and average grades per vestiging x onderwijstype x leerweg x sector x afdeling,
--   as published: small counts and averages over few pupils hidden, and no hidden count derivable
--   from its row (examenkandidaten = geslaagden + gezakten).
-- Parameters: getvariable('vo_min_count') = k (default 5), getvariable('vo_extreme_rate_group').
-- Input: wh.duo_geslaagden_cijfers (DUO "geslaagden, gezakten en cijfers"), newest source per school year;
--   publish_deliveries_results_by_afdeling (the deliveries' rows, same columns, source 'deliveries');
--   publish_vo_forced (cells the solver chose as complementary, examencijfers/publish/complement.py).
-- Output: the vo_results_by_afdeling contract.
--   primary     a count from 1 to k-1 (gezakten too); every count and average of a row with fewer than k
--               candidates; a source "<5" stays source_lt5;
--   extreme     0% or 100% passed in a group smaller than getvariable('vo_extreme_rate_group'): passes hidden;
--   secondary   a row with exactly one hidden count of kandidaten = geslaagden + gezakten hides the other part;
--   forced      then the cells publish_vo_forced names (secondary), on top: a forced cell alone in its row
--               hides one more (the other part, or the smaller part when only the total is hidden);
--   averages    hidden with the candidates' reason (a row of fewer than k pupils, or unknown size).
-- The deliveries' rows are also sums of their pass-rate rows (vo_pass_rates, by ILT code): what that
-- gives away is found by the solver (publish/complement.py), which names the cells to force.
with

duo_results as (
    select *
    from wh.duo_geslaagden_cijfers
    qualify dense_rank() over (partition by schooljaar order by source_id desc) = 1
),

delivery_results as (
    select * from publish_deliveries_results_by_afdeling
),

forced as (
    select cell_key from publish_vo_forced
),

results as (
    select
        'duo' as source, schooljaar, instellingscode, vestigingscode, vestigingsnaam, gemeentenaam, provincie,
        onderwijstype, leerweg, sector, afdeling,
        examenkandidaten, examenkandidaten_source_suppressed,
        geslaagden, geslaagden_source_suppressed,
        gezakten, gezakten_source_suppressed,
        gem_cijfer_se, gem_cijfer_ce, gem_cijfer_cijferlijst
    from duo_results
    union all
    select
        source, schooljaar, instellingscode, vestigingscode, vestigingsnaam, gemeentenaam, provincie,
        onderwijstype, leerweg, sector, afdeling,
        examenkandidaten, false,
        geslaagden, false,
        gezakten, false,
        gem_cijfer_se, gem_cijfer_ce, gem_cijfer_cijferlijst
    from delivery_results
),

keyed as (
    -- the cell key the audit gives these counts (sql/audit/vo_cells.sql)
    select
        results.*,
        'vo_results_by_afdeling:' || concat_ws('|', source, vestigingscode, onderwijstype, coalesce(leerweg, ''),
                                               coalesce(sector, ''), coalesce(afdeling, ''), schooljaar)
            as row_key
    from results
),

primary_judged as (
    select
        keyed.*,
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
    from keyed
),

settled as (
    -- kandidaten hidden implies both parts hidden (primary), so the only exposed rows are those with
    -- exactly one part hidden: hide the other part
    select
        primary_judged.*,
        kandidaten_reason_1 as kandidaten_reason_2,
        coalesce(geslaagden_reason_1, case when gezakten_reason_1 is not null then 'secondary' end)
            as geslaagden_reason_2,
        coalesce(gezakten_reason_1, case when geslaagden_reason_1 is not null then 'secondary' end)
            as gezakten_reason_2
    from primary_judged
),

with_forced as (
    -- the solver's cells come on top of the settled pattern (they never un-hide a cell)
    select
        settled.*,
        coalesce(kandidaten_reason_2, case when row_key || ':examenkandidaten' in (select cell_key from forced)
            then 'secondary' end) as kandidaten_reason_3,
        coalesce(geslaagden_reason_2, case when row_key || ':geslaagden' in (select cell_key from forced)
            then 'secondary' end) as geslaagden_reason_3,
        coalesce(gezakten_reason_2, case when row_key || ':gezakten' in (select cell_key from forced)
            then 'secondary' end) as gezakten_reason_3
    from settled
),

resettled as (
    -- a forced cell alone in its row gives itself away: hide one more (the other part, or the smaller part
    -- when only the total is hidden)
    select
        with_forced.*,
        (kandidaten_reason_3 is not null)::int + (geslaagden_reason_3 is not null)::int
            + (gezakten_reason_3 is not null)::int = 1 as exposed
    from with_forced
),

decided as (
    select
        resettled.*,
        kandidaten_reason_3 as kandidaten_reason,
        coalesce(geslaagden_reason_3, case when exposed and (gezakten_reason_3 is not null
            or geslaagden <= gezakten) then 'secondary' end) as geslaagden_reason,
        coalesce(gezakten_reason_3, case when exposed and (geslaagden_reason_3 is not null
            or gezakten < geslaagden) then 'secondary' end) as gezakten_reason,
        case
            when examenkandidaten_source_suppressed then 'source_lt5'
            when examenkandidaten < getvariable('vo_min_count') then 'primary'
        end as average_reason
    from resettled
),

final as (
    select
        source,
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
    from decided
)

select * from final
