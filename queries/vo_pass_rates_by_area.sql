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
--   opleidingsnaam, national_rate, difference, position, percentile
-- Note: the rate is geslaagden / examenkandidaten, or the published slaagpercentage (0-100) / 100 when
--   the counts are protected; NULL with its reason when that is protected too. percentile is the share
--   of the other areas with a published rate that have a lower rate (0 = lowest, 1 = highest).

with pass_rates as (
    select * from vo_pass_rates
),

constants as (
    select 1.959963984540054 as z
),

chosen as (
    select *
    from pass_rates
    where onderwijstype = $onderwijstype
        and schooljaar = $schooljaar
        and geslacht = $geslacht
        and inspectiecode is not distinct from $inspectiecode
        and source = $source
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
        ranked.percentile
    from ranked
    left join national on true
)

select * from final
order by area_name, area_code
