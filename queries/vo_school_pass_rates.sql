-- Question: How did one vestiging's pass rate per onderwijstype and opleiding develop over the
--   schooljaren, with Wilson 95% interval, against the national rate and the other vestigingen with
--   the same onderwijstype (their median rate and this school's percentile among them)?
-- Param vestigingscode (varchar): BRIN + 2 digits.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype, opleidingsnaam, schooljaar, examenkandidaten, examenkandidaten_suppression,
--   geslaagden, geslaagden_suppression, rate, rate_suppression, ci_low, ci_high, national_rate,
--   same_type_rate, inspectiecode, same_type_schools, percentile, excluded_groups
-- Note: geslacht TOTAAL. A school's total over its opleidingen (inspectiecode NULL) and the national
--   figures whose counts and percentage are not published are their known part: the sums over the
--   finest published cells (vestiging x opleiding) with both counts published, excluded_groups the
--   finest cells left out (0 = the published figure itself); a sum of published numbers reveals
--   nothing the table does not. same_type_rate is the median rate of the vestigingen with the same
--   onderwijstype and opleiding in that schooljaar, this one included (a school without a rate is left
--   out, not counted as 0); same_type_schools counts the schools with a rate; percentile is the share of
--   the others with a lower rate than this school.

with pass_rates as (
    select * from vo_pass_rates
),

constants as (
    select 1.959963984540054 as z
),

published as (
    select *
    from pass_rates
    where geslacht = 'TOTAAL'
        and source = $source
        and level in ('vestiging', 'land')
),

finest as (
    select
        *,
        examenkandidaten is not null and geslaagden is not null as counted
    from published
    where level = 'vestiging'
        and inspectiecode is not null
),

-- Known parts of a vestiging's total (area_code) and of the national figures (area_code NULL), per
-- opleiding (inspectiecode) and over all of them (inspectiecode NULL).
known_parts as (
    select
        'vestiging' as level,
        area_code,
        onderwijstype,
        schooljaar,
        cast(null as varchar) as inspectiecode,
        cast(sum(examenkandidaten) filter (where counted) as integer) as known_kandidaten,
        cast(sum(geslaagden) filter (where counted) as integer) as known_geslaagden,
        count(*) filter (where not counted) as left_out
    from finest
    group by area_code, onderwijstype, schooljaar
    union all
    select
        'land' as level,
        cast(null as varchar) as area_code,
        onderwijstype,
        schooljaar,
        inspectiecode,
        cast(sum(examenkandidaten) filter (where counted) as integer) as known_kandidaten,
        cast(sum(geslaagden) filter (where counted) as integer) as known_geslaagden,
        count(*) filter (where not counted) as left_out
    from finest
    group by onderwijstype, schooljaar, inspectiecode
    union all
    select
        'land' as level,
        cast(null as varchar) as area_code,
        onderwijstype,
        schooljaar,
        cast(null as varchar) as inspectiecode,
        cast(sum(examenkandidaten) filter (where counted) as integer) as known_kandidaten,
        cast(sum(geslaagden) filter (where counted) as integer) as known_geslaagden,
        count(*) filter (where not counted) as left_out
    from finest
    group by onderwijstype, schooljaar
),

completed as (
    select
        published.*,
        (published.geslaagden is null or published.examenkandidaten is null)
            and published.slaagpercentage is null
            and not (published.level = 'vestiging' and published.inspectiecode is not null)
            and coalesce(known_parts.known_kandidaten > 0, false) as use_known,
        known_parts.known_kandidaten,
        known_parts.known_geslaagden,
        known_parts.left_out
    from published
    left join known_parts
        on known_parts.level = published.level
        and known_parts.area_code is not distinct from
            case when published.level = 'vestiging' then published.area_code end
        and known_parts.onderwijstype = published.onderwijstype
        and known_parts.schooljaar = published.schooljaar
        and known_parts.inspectiecode is not distinct from published.inspectiecode
),

counted as (
    select
        level,
        area_code,
        onderwijstype,
        opleidingsnaam,
        inspectiecode,
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

totals as (
    select
        *,
        coalesce(geslaagden / nullif(examenkandidaten, 0), slaagpercentage / 100) as rate
    from counted
),

vestigingen as (
    select
        *,
        percent_rank() over (
            partition by onderwijstype, inspectiecode, schooljaar order by rate
        ) as percentile
    from totals
    where level = 'vestiging'
        and rate is not null
),

same_type as (
    select
        onderwijstype,
        inspectiecode,
        schooljaar,
        median(rate) as same_type_rate,
        count(*) as same_type_schools
    from vestigingen
    group by onderwijstype, inspectiecode, schooljaar
),

national as (
    select
        onderwijstype,
        inspectiecode,
        schooljaar,
        rate as national_rate
    from totals
    where level = 'land'
),

school as (
    select
        totals.*,
        geslaagden / nullif(examenkandidaten, 0) as count_rate,
        cast(examenkandidaten as double) as n,  -- 4 * n * n overflows an INT32 above n = 23,170
        case
            when rate is null then coalesce(slaagpercentage_suppression, geslaagden_suppression)
        end as rate_suppression,
        z
    from totals
    cross join constants
    where level = 'vestiging'
        and area_code = $vestigingscode
),

final as (
    select
        school.onderwijstype,
        school.opleidingsnaam,
        school.schooljaar,
        school.examenkandidaten,
        school.examenkandidaten_suppression,
        school.geslaagden,
        school.geslaagden_suppression,
        school.rate,
        school.rate_suppression,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            - z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_low,
        (count_rate + z * z / (2 * n)) / (1 + z * z / n)
            + z * sqrt(count_rate * (1 - count_rate) / n + z * z / (4 * n * n)) / (1 + z * z / n) as ci_high,
        national.national_rate,
        same_type.same_type_rate,
        school.inspectiecode,
        same_type.same_type_schools,
        ranked.percentile,
        school.excluded_groups
    from school
    left join national
        on national.onderwijstype = school.onderwijstype
        and national.inspectiecode is not distinct from school.inspectiecode
        and national.schooljaar = school.schooljaar
    left join same_type
        on same_type.onderwijstype = school.onderwijstype
        and same_type.inspectiecode is not distinct from school.inspectiecode
        and same_type.schooljaar = school.schooljaar
    left join vestigingen as ranked
        on ranked.area_code = school.area_code
        and ranked.onderwijstype = school.onderwijstype
        and ranked.inspectiecode is not distinct from school.inspectiecode
        and ranked.schooljaar = school.schooljaar
)

select * from final
order by onderwijstype, inspectiecode nulls first, schooljaar
