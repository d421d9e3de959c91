-- Question: Which opleiders match a search text in their name, code or place (search list)?
-- Param q (varchar): part of the name, code or place, case-insensitive; '' = all (first 200).
-- Output: opleidercode, opleidernaam, opleider_plaats, opleider_actief

with results as (
    select * from cbr_opleider_results
),

newest_name as (
    select
        opleidercode,
        arg_max(opleidernaam, period_end) as opleidernaam,
        arg_max(opleider_plaats, period_end) as opleider_plaats,
        bool_or(opleider_actief) as opleider_actief
    from results
    group by opleidercode
),

final as (
    select *
    from newest_name
    where $q = ''
        or instr(lower(opleidercode), lower($q)) > 0
        or instr(lower(opleidernaam), lower($q)) > 0
        or instr(lower(opleider_plaats), lower($q)) > 0
)

select * from final
order by opleidernaam, opleidercode
limit 200
