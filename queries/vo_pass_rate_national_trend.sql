-- Question: How did the national VO pass rate per onderwijstype develop over the schooljaren, with
--   Wilson 95% interval?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype, schooljaar, examenkandidaten, geslaagden, rate, ci_low, ci_high,
--   examenkandidaten_suppression, geslaagden_suppression, rate_suppression
-- Note: all opleidingen of the onderwijstype together (inspectiecode NULL), geslacht TOTAAL. The rate
--   is geslaagden / examenkandidaten, or the published slaagpercentage (0-100) / 100 when the counts
--   are protected; NULL with its reason when that is protected too.

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

rated as (
    select
        national.*,
        geslaagden / nullif(examenkandidaten, 0) as count_rate,
        coalesce(geslaagden / nullif(examenkandidaten, 0), slaagpercentage / 100) as rate,
        case
            when geslaagden is null or examenkandidaten is null then slaagpercentage_suppression
        end as rate_suppression,
        z,
        cast(examenkandidaten as double) as n  -- 4 * n * n overflows an INT32 above n = 23,170
    from national
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
        case when rate is null then coalesce(rate_suppression, geslaagden_suppression) end as rate_suppression
    from rated
)

select * from final
order by onderwijstype, schooljaar
