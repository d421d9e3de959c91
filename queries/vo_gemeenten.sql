-- Question: Which gemeenten (with their provincie) have VO vestigingen (search list)?
-- Output: gemeentenaam, provincie, vestigingen

with vestigingen as (
    select * from vo_vestigingen
),

final as (
    select
        gemeentenaam,
        max(provincie) as provincie,
        count(*) as vestigingen
    from vestigingen
    where gemeentenaam is not null
    group by gemeentenaam
)

select * from final
order by gemeentenaam
