-- Question: Which vakken have published VO grades (search list)?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: vakcode, vakafkorting, vaknaam

with grades as (
    select * from vo_subject_grades
    where source = $source
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
