-- Question: How did one vestiging's pass rate per onderwijstype and opleiding develop over the
--   schooljaren, with Wilson 95% interval, against the national rate and the other vestigingen with
--   the same onderwijstype (their median rate and this school's percentile among them)?
-- Param vestigingscode (varchar): BRIN + 2 digits.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype, opleidingsnaam, schooljaar, examenkandidaten, examenkandidaten_suppression,
--   geslaagden, geslaagden_suppression, rate, rate_suppression, ci_low, ci_high, national_rate,
--   same_type_rate, inspectiecode, same_type_schools, percentile
-- Note: geslacht TOTAAL. same_type_rate is the median published rate of the vestigingen with the same
--   onderwijstype and opleiding in that schooljaar, this one included (a protected school is left
--   out, not counted as 0); same_type_schools counts the schools with a published rate; percentile is
--   the share of the others with a lower rate than this school.

with pass_rates as (
    select * from vo_pass_rates
),

constants as (
    select 1.959963984540054 as z
),

totals as (
    select
        *,
        coalesce(geslaagden / nullif(examenkandidaten, 0), slaagpercentage / 100) as rate
    from pass_rates
    where geslacht = 'TOTAAL'
        and source = $source
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
        ranked.percentile
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
