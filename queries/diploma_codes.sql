-- Question: Which diploma codes does the CBR diploma publication hold (search list)?
-- Output: diplomacode, diplomaomschrijving

with diplomas as (
    select * from cbr_diplomas_weekly
),

final as (
    select
        diplomacode,
        max(diplomaomschrijving) as diplomaomschrijving
    from diplomas
    group by diplomacode
)

select * from final
order by diplomacode
