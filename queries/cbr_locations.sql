-- Question: Which CBR exam locations are there (search list), optionally filtered by name or place?
-- Param q (varchar, default ''): part of the location or its place, case-insensitive; '' = all.
-- Output: examenlocatie, examenlocatie_plaats

with results as (
    select * from cbr_opleider_results
),

locations as (
    select
        examenlocatie,
        max(examenlocatie_plaats) as examenlocatie_plaats
    from results
    where examenlocatie <> '*'
    group by examenlocatie
),

final as (
    select *
    from locations
    where $q = ''
        or instr(lower(examenlocatie), lower($q)) > 0
        or instr(lower(examenlocatie_plaats), lower($q)) > 0
)

select * from final
order by examenlocatie
