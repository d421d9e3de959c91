-- Question: Which VO vestigingen match a search text in their name, BRIN/vestigingscode or place?
-- Param q (varchar): part of the name, code or place, case-insensitive; '' = all (first 200).
-- Output: vestigingscode, instellingscode, vestigingsnaam, plaatsnaam, gemeentenaam, provincie

with vestigingen as (
    select * from vo_vestigingen
),

final as (
    select
        vestigingscode,
        instellingscode,
        vestigingsnaam,
        plaatsnaam,
        gemeentenaam,
        provincie
    from vestigingen
    where $q = ''
        or instr(lower(vestigingscode), lower($q)) > 0
        or instr(lower(vestigingsnaam), lower($q)) > 0
        or instr(lower(plaatsnaam), lower($q)) > 0
        or instr(lower(gemeentenaam), lower($q)) > 0
)

select * from final
order by vestigingsnaam, vestigingscode
limit 200
