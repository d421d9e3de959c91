-- Question: How did the national VO pass rate per onderwijstype develop over the schooljaren, with
--   Wilson 95% interval?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype, schooljaar, examenkandidaten, geslaagden, rate, ci_low, ci_high,
--   examenkandidaten_suppression, geslaagden_suppression, rate_suppression, excluded_groups
-- Note: all opleidingen of the onderwijstype together (inspectiecode NULL), geslacht TOTAAL. The rate
--   is geslaagden / examenkandidaten, or the published slaagpercentage (0-100) / 100 when the counts
--   are protected. When neither is published (one school's "<5" makes a national sum unknown), the
--   figures are the known part: the sums over the finest published cells (vestiging x opleiding) whose
--   two counts are both published, and excluded_groups says how many finest cells that leaves out
--   (0 = the published national figure itself). The known part is a sum of published numbers, so it
--   reveals nothing the table does not; it is not the national total, and the page says so.

with pass_rates as (
    select * from vo_pass_rates
),

constants as (
    select 1.959963984540054 as z
),

national as (
    select *
    from pass_rates
    where level = 'land'
        and inspectiecode is null
        and geslacht = 'TOTAAL'
        and source = $source
),

finest as (
    select
        onderwijstype,
        schooljaar,
        examenkandidaten,
        geslaagden,
        examenkandidaten is not null and geslaagden is not null as published
    from pass_rates
    where level = 'vestiging'
        and inspectiecode is not null
        and geslacht = 'TOTAAL'
        and source = $source
),

known_parts as (
    select
        onderwijstype,
        schooljaar,
        cast(sum(examenkandidaten) filter (where published) as integer) as known_kandidaten,
        cast(sum(geslaagden) filter (where published) as integer) as known_geslaagden,
        count(*) filter (where not published) as left_out
    from finest
    group by onderwijstype, schooljaar
),

completed as (
    select
        national.*,
        (national.geslaagden is null or national.examenkandidaten is null)
            and national.slaagpercentage is null
            and coalesce(known_parts.known_kandidaten > 0, false) as use_known,
        known_parts.known_kandidaten,
        known_parts.known_geslaagden,
        known_parts.left_out
    from national
    left join known_parts
        on known_parts.onderwijstype = national.onderwijstype
        and known_parts.schooljaar = national.schooljaar
),

counted as (
    select
        onderwijstype,
        schooljaar,
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
        counted.*,
        geslaagden / nullif(examenkandidaten, 0) as count_rate,
        coalesce(geslaagden / nullif(examenkandidaten, 0), slaagpercentage / 100) as rate,
        case
            when geslaagden is null or examenkandidaten is null then slaagpercentage_suppression
        end as rate_suppression,
        z,
        cast(examenkandidaten as double) as n  -- 4 * n * n overflows an INT32 above n = 23,170
    from counted
    cross join constants
),

final as (
    select
        onderwijstype,
        schooljaar,
        examenkandidaten,
        geslaagden,
        rate,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            - z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_low,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            + z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_high,
        examenkandidaten_suppression,
        geslaagden_suppression,
        case when rate is null then coalesce(rate_suppression, geslaagden_suppression) end as rate_suppression,
        excluded_groups
    from rated
)

select * from final
order by onderwijstype, schooljaar
