-- Question: What is the VO pass rate per area of one level (vestiging, instelling, gemeente, provincie
--   or land) for an onderwijstype (or one opleiding) in a schooljaar, optionally per geslacht, with
--   Wilson 95% interval, against the national rate and as a percentile among the areas?
-- Param level (varchar): 'vestiging', 'instelling', 'gemeente', 'provincie' or 'land'.
-- Param onderwijstype (varchar): e.g. 'HAVO'.
-- Param schooljaar (varchar): e.g. '2023-2024'.
-- Param geslacht (varchar, default 'TOTAAL'): 'MAN', 'VROUW' or 'TOTAAL'.
-- Param inspectiecode (varchar, default None): one opleiding (vestiging and land only); NULL = all
--   opleidingen of the onderwijstype.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: area_code, area_name, onderwijstype, schooljaar, examenkandidaten, examenkandidaten_suppression,
--   geslaagden, geslaagden_suppression, rate, rate_suppression, ci_low, ci_high, geslacht,
--   opleidingsnaam, national_rate, difference, position, percentile, excluded_groups
-- Note: the rate is geslaagden / examenkandidaten, or the published slaagpercentage (0-100) / 100 when
--   the counts are protected. When neither is published for an area above the finest cells (a school's
--   "<5" makes its area's sums unknown), the figures are the area's known part: the sums over its finest
--   published cells (vestiging x opleiding) whose two counts are both published, with excluded_groups the
--   number of finest cells left out (0 = the area's own published figure). A sum of published numbers
--   reveals nothing the table does not. A finest cell that is protected stays NULL with its reason.
--   The national rate is the land row's, known part alike. percentile is the share of the other areas
--   with a rate that have a lower rate (0 = lowest, 1 = highest).

with pass_rates as (
    select * from vo_pass_rates
),

constants as (
    select 1.959963984540054 as z
),

published as (
    select *
    from pass_rates
    where onderwijstype = $onderwijstype
        and schooljaar = $schooljaar
        and geslacht = $geslacht
        and source = $source
),

aggregates as (
    select *
    from published
    where inspectiecode is not distinct from $inspectiecode
        and (level = $level or level = 'land')
),

finest as (
    select
        *,
        examenkandidaten is not null and geslaagden is not null as counted
    from published
    where level = 'vestiging'
        and inspectiecode is not null
        and ($inspectiecode is null or inspectiecode = $inspectiecode)
),

known_parts as (
    select
        aggregates.level,
        aggregates.area_code,
        cast(sum(finest.examenkandidaten) filter (where finest.counted) as integer) as known_kandidaten,
        cast(sum(finest.geslaagden) filter (where finest.counted) as integer) as known_geslaagden,
        count(*) filter (where not finest.counted) as left_out
    from aggregates
    join finest
        on case aggregates.level
            when 'vestiging' then finest.area_code = aggregates.area_code and aggregates.inspectiecode is null
            when 'instelling' then finest.instellingscode = aggregates.area_code
            when 'gemeente' then finest.gemeentenaam = aggregates.area_code
            when 'provincie' then finest.provincie = aggregates.area_code
            else true
        end
    group by aggregates.level, aggregates.area_code
),

completed as (
    select
        aggregates.*,
        (aggregates.geslaagden is null or aggregates.examenkandidaten is null)
            and aggregates.slaagpercentage is null
            and coalesce(known_parts.known_kandidaten > 0, false) as use_known,
        known_parts.known_kandidaten,
        known_parts.known_geslaagden,
        known_parts.left_out
    from aggregates
    left join known_parts
        on known_parts.level = aggregates.level
        and known_parts.area_code = aggregates.area_code
),

chosen as (
    select
        level,
        area_code,
        area_name,
        onderwijstype,
        schooljaar,
        geslacht,
        opleidingsnaam,
        case when use_known then known_kandidaten else examenkandidaten end as examenkandidaten,
        case when use_known then known_geslaagden else geslaagden end as geslaagden,
        slaagpercentage,
        case when not use_known then examenkandidaten_suppression end as examenkandidaten_suppression,
        case when not use_known then geslaagden_suppression end as geslaagden_suppression,
        case when not use_known then slaagpercentage_suppression end as slaagpercentage_suppression,
        case when use_known then left_out else 0 end as excluded_groups
    from completed
),

rated as (
    select
        chosen.*,
        geslaagden / nullif(examenkandidaten, 0) as count_rate,
        coalesce(geslaagden / nullif(examenkandidaten, 0), slaagpercentage / 100) as rate,
        cast(examenkandidaten as double) as n,  -- 4 * n * n overflows an INT32 above n = 23,170
        z
    from chosen
    cross join constants
),

national as (
    select rate as national_rate
    from rated
    where level = 'land'
),

areas as (
    select
        rated.*,
        case
            when rate is null then coalesce(slaagpercentage_suppression, geslaagden_suppression)
        end as rate_suppression,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            - z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_low,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            + z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_high
    from rated
    where level = $level
),

percentiles as (
    select
        area_code,
        percent_rank() over (order by rate) as percentile
    from areas
    where rate is not null
),

ranked as (
    select
        areas.*,
        percentiles.percentile
    from areas
    left join percentiles using (area_code)
),

final as (
    select
        ranked.area_code,
        ranked.area_name,
        ranked.onderwijstype,
        ranked.schooljaar,
        ranked.examenkandidaten,
        ranked.examenkandidaten_suppression,
        ranked.geslaagden,
        ranked.geslaagden_suppression,
        ranked.rate,
        ranked.rate_suppression,
        ranked.ci_low,
        ranked.ci_high,
        ranked.geslacht,
        ranked.opleidingsnaam,
        national.national_rate,
        ranked.rate - national.national_rate as difference,
        case
            when ranked.ci_low is null or national.national_rate is null then null
            when ranked.ci_low > national.national_rate then 'above'
            when ranked.ci_high < national.national_rate then 'below'
            else 'within'
        end as position,
        ranked.percentile,
        ranked.excluded_groups
    from ranked
    left join national on true
)

select * from final
order by area_name, area_code
