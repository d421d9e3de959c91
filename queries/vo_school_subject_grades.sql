-- Question: For one vestiging in one schooljaar, what are the average SE, CE and cijferlijst grades per
--   vak and the SE-CE gap, against the national average of the same onderwijstype and leerweg, where
--   does the school's CE average stand among those schools (percentile), and what are the three-year
--   averages (this schooljaar and the two before)?
-- Param vestigingscode (varchar): BRIN + 2 digits.
-- Param schooljaar (varchar): e.g. '2023-2024'.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype, vakcode, vakafkorting, vaknaam, aantal_ce, aantal_ce_suppression, gem_se,
--   gem_se_suppression, gem_ce, gem_ce_suppression, gem_cijferlijst, gem_cijferlijst_suppression,
--   se_ce_gap, national_se, national_ce, leerweg, se_ce_gap_suppression, national_gap, national_schools,
--   national_schools_protected, ce_percentile, gem_se_3y, gem_ce_3y, se_ce_gap_3y, years_3y,
--   grades_3y_suppression, gap_percentile
-- Note: national averages are weighted by aantal over the schools whose grade and count are published;
--   national_schools_protected counts the schools left out (never as 0). ce_percentile is the share of
--   the other schools (same onderwijstype, leerweg, vak, schooljaar) with a lower published CE average;
--   gap_percentile the same for the SE-CE gap (schools with both averages published).
--   The three-year averages are weighted by aantal and NULL, with the reason, when any year's grade or
--   count is protected; years_3y says how many schooljaren they cover.

with subject_grades as (
    select * from vo_subject_grades
    where source = $source
),

published_year as (
    select *
    from subject_grades
    where schooljaar = $schooljaar
),

national as (
    select
        onderwijstype,
        leerweg,
        vakcode,
        sum(gem_se * aantal_se) filter (where gem_se is not null and aantal_se is not null)
            / sum(aantal_se) filter (where gem_se is not null and aantal_se is not null) as national_se,
        sum(gem_ce * aantal_ce) filter (where gem_ce is not null and aantal_ce is not null)
            / sum(aantal_ce) filter (where gem_ce is not null and aantal_ce is not null) as national_ce,
        count(*) filter (where gem_ce is not null and aantal_ce is not null) as national_schools,
        count(*) filter (where gem_ce is null or aantal_ce is null) as national_schools_protected
    from published_year
    group by onderwijstype, leerweg, vakcode
),

ce_ranks as (
    select
        vestigingscode,
        onderwijstype,
        leerweg,
        vakcode,
        percent_rank() over (partition by onderwijstype, leerweg, vakcode order by gem_ce) as ce_percentile
    from published_year
    where gem_ce is not null
),

gap_ranks as (
    select
        vestigingscode,
        onderwijstype,
        leerweg,
        vakcode,
        percent_rank() over (partition by onderwijstype, leerweg, vakcode order by gem_se - gem_ce) as gap_percentile
    from published_year
    where gem_se is not null
        and gem_ce is not null
),

school_years as (
    select *
    from subject_grades
    where vestigingscode = $vestigingscode
        and schooljaar <= $schooljaar
        and cast(left(schooljaar, 4) as integer) >= cast(left($schooljaar, 4) as integer) - 2
),

three_years as (
    select
        onderwijstype,
        leerweg,
        vakcode,
        count(*) as years_3y,
        count(*) filter (
            where gem_se is null or aantal_se is null or gem_ce is null or aantal_ce is null
        ) as protected_years,
        min(coalesce(gem_se_suppression, aantal_se_suppression, gem_ce_suppression, aantal_ce_suppression))
            as first_reason,
        sum(gem_se * aantal_se) / sum(aantal_se) as gem_se_3y,
        sum(gem_ce * aantal_ce) / sum(aantal_ce) as gem_ce_3y
    from school_years
    group by onderwijstype, leerweg, vakcode
),

school as (
    select *
    from published_year
    where vestigingscode = $vestigingscode
),

final as (
    select
        school.onderwijstype,
        school.vakcode,
        school.vakafkorting,
        school.vaknaam,
        school.aantal_ce,
        school.aantal_ce_suppression,
        school.gem_se,
        school.gem_se_suppression,
        school.gem_ce,
        school.gem_ce_suppression,
        school.gem_cijferlijst,
        school.gem_cijferlijst_suppression,
        school.gem_se - school.gem_ce as se_ce_gap,
        national.national_se,
        national.national_ce,
        school.leerweg,
        coalesce(school.gem_se_suppression, school.gem_ce_suppression) as se_ce_gap_suppression,
        national.national_se - national.national_ce as national_gap,
        national.national_schools,
        national.national_schools_protected,
        ce_ranks.ce_percentile,
        case when three_years.protected_years = 0 then three_years.gem_se_3y end as gem_se_3y,
        case when three_years.protected_years = 0 then three_years.gem_ce_3y end as gem_ce_3y,
        case when three_years.protected_years = 0
            then three_years.gem_se_3y - three_years.gem_ce_3y end as se_ce_gap_3y,
        three_years.years_3y,
        case when three_years.protected_years > 0 then three_years.first_reason end as grades_3y_suppression,
        gap_ranks.gap_percentile
    from school
    left join national
        on national.onderwijstype = school.onderwijstype
        and national.leerweg is not distinct from school.leerweg
        and national.vakcode = school.vakcode
    left join ce_ranks
        on ce_ranks.vestigingscode = school.vestigingscode
        and ce_ranks.onderwijstype = school.onderwijstype
        and ce_ranks.leerweg is not distinct from school.leerweg
        and ce_ranks.vakcode = school.vakcode
    left join gap_ranks
        on gap_ranks.vestigingscode = school.vestigingscode
        and gap_ranks.onderwijstype = school.onderwijstype
        and gap_ranks.leerweg is not distinct from school.leerweg
        and gap_ranks.vakcode = school.vakcode
    left join three_years
        on three_years.onderwijstype = school.onderwijstype
        and three_years.leerweg is not distinct from school.leerweg
        and three_years.vakcode = school.vakcode
)

select * from final
order by onderwijstype, leerweg nulls first, vaknaam, vakcode
