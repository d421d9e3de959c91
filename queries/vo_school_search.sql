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
        or contains(lower(vestigingscode), lower($q))
        or contains(lower(vestigingsnaam), lower($q))
        or contains(lower(plaatsnaam), lower($q))
        or contains(lower(gemeentenaam), lower($q))
)

select * from final
order by vestigingsnaam, vestigingscode
limit 200
