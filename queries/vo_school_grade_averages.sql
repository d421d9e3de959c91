-- Question: For one vestiging, what are the average SE, CE and cijferlijst grades and the SE-CE gap per
--   onderwijstype, leerweg, sector and afdeling and schooljaar, against the national average of the
--   same group, its percentile among those schools, and the three-year average?
-- Param vestigingscode (varchar): BRIN + 2 digits.
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: schooljaar, onderwijstype, leerweg, sector, afdeling, examenkandidaten,
--   examenkandidaten_suppression, gem_cijfer_se, gem_cijfer_se_suppression, gem_cijfer_ce,
--   gem_cijfer_ce_suppression, gem_cijfer_cijferlijst, gem_cijfer_cijferlijst_suppression, se_ce_gap,
--   se_ce_gap_suppression, national_se, national_ce, national_schools, national_schools_protected,
--   ce_percentile, gem_ce_3y, se_ce_gap_3y, years_3y, grades_3y_suppression
-- Note: national averages are weighted by examenkandidaten over the schools whose grades and count are
--   published (national_schools_protected counts the rest, never as 0). The three-year values cover
--   this schooljaar and the two before (weighted by examenkandidaten) and are NULL with the reason when
--   any of those years is protected.

with results as (
    select * from vo_results_by_afdeling
    where source = $source
),

usable as (
    select
        *,
        gem_cijfer_se is not null and gem_cijfer_ce is not null and examenkandidaten is not null as is_published
    from results
),

national as (
    select
        schooljaar,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        sum(gem_cijfer_se * examenkandidaten) filter (where is_published)
            / sum(examenkandidaten) filter (where is_published) as national_se,
        sum(gem_cijfer_ce * examenkandidaten) filter (where is_published)
            / sum(examenkandidaten) filter (where is_published) as national_ce,
        count(*) filter (where is_published) as national_schools,
        count(*) filter (where not is_published) as national_schools_protected
    from usable
    group by schooljaar, onderwijstype, leerweg, sector, afdeling
),

ce_ranks as (
    select
        vestigingscode,
        schooljaar,
        onderwijstype,
        leerweg,
        sector,
        afdeling,
        percent_rank() over (
            partition by schooljaar, onderwijstype, leerweg, sector, afdeling order by gem_cijfer_ce
        ) as ce_percentile
    from usable
    where gem_cijfer_ce is not null
),

school as (
    select *
    from usable
    where vestigingscode = $vestigingscode
),

three_years as (
    select
        this_year.schooljaar,
        this_year.onderwijstype,
        this_year.leerweg,
        this_year.sector,
        this_year.afdeling,
        count(*) as years_3y,
        count(*) filter (where not earlier.is_published) as protected_years,
        min(coalesce(earlier.gem_cijfer_se_suppression, earlier.gem_cijfer_ce_suppression,
                     earlier.examenkandidaten_suppression)) as first_reason,
        sum(earlier.gem_cijfer_se * earlier.examenkandidaten) / sum(earlier.examenkandidaten) as gem_se_3y,
        sum(earlier.gem_cijfer_ce * earlier.examenkandidaten) / sum(earlier.examenkandidaten) as gem_ce_3y
    from school as this_year
    inner join school as earlier
        on earlier.onderwijstype = this_year.onderwijstype
        and earlier.leerweg is not distinct from this_year.leerweg
        and earlier.sector is not distinct from this_year.sector
        and earlier.afdeling is not distinct from this_year.afdeling
        and earlier.schooljaar <= this_year.schooljaar
        and cast(left(earlier.schooljaar, 4) as integer) >= cast(left(this_year.schooljaar, 4) as integer) - 2
    group by this_year.schooljaar, this_year.onderwijstype, this_year.leerweg, this_year.sector,
        this_year.afdeling
),

final as (
    select
        school.schooljaar,
        school.onderwijstype,
        school.leerweg,
        school.sector,
        school.afdeling,
        school.examenkandidaten,
        school.examenkandidaten_suppression,
        school.gem_cijfer_se,
        school.gem_cijfer_se_suppression,
        school.gem_cijfer_ce,
        school.gem_cijfer_ce_suppression,
        school.gem_cijfer_cijferlijst,
        school.gem_cijfer_cijferlijst_suppression,
        school.gem_cijfer_se - school.gem_cijfer_ce as se_ce_gap,
        coalesce(school.gem_cijfer_se_suppression, school.gem_cijfer_ce_suppression) as se_ce_gap_suppression,
        national.national_se,
        national.national_ce,
        national.national_schools,
        national.national_schools_protected,
        ce_ranks.ce_percentile,
        case when three_years.protected_years = 0 then three_years.gem_ce_3y end as gem_ce_3y,
        case when three_years.protected_years = 0
            then three_years.gem_se_3y - three_years.gem_ce_3y end as se_ce_gap_3y,
        three_years.years_3y,
        case when three_years.protected_years > 0 then three_years.first_reason end as grades_3y_suppression
    from school
    left join national
        on national.schooljaar = school.schooljaar
        and national.onderwijstype = school.onderwijstype
        and national.leerweg is not distinct from school.leerweg
        and national.sector is not distinct from school.sector
        and national.afdeling is not distinct from school.afdeling
    left join ce_ranks
        on ce_ranks.vestigingscode = school.vestigingscode
        and ce_ranks.schooljaar = school.schooljaar
        and ce_ranks.onderwijstype = school.onderwijstype
        and ce_ranks.leerweg is not distinct from school.leerweg
        and ce_ranks.sector is not distinct from school.sector
        and ce_ranks.afdeling is not distinct from school.afdeling
    left join three_years
        on three_years.schooljaar = school.schooljaar
        and three_years.onderwijstype = school.onderwijstype
        and three_years.leerweg is not distinct from school.leerweg
        and three_years.sector is not distinct from school.sector
        and three_years.afdeling is not distinct from school.afdeling
)

select * from final
order by schooljaar, onderwijstype, leerweg nulls first, sector nulls first, afdeling nulls first
