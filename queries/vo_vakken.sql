-- Question: Which vakken have published VO grades (search list)?
-- Output: vakcode, vakafkorting, vaknaam

with grades as (
    select * from vo_subject_grades
),

final as (
    select
        vakcode,
        max(vakafkorting) as vakafkorting,
        max(vaknaam) as vaknaam
    from grades
    group by vakcode
)

select * from final
order by vaknaam, vakcode
