-- Question: For which schooljaren and onderwijstypen are VO grades per vak published (the choices of the
--   grade-distribution view)?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: schooljaar, onderwijstype, vakken, vestigingen

with grades as (
    select * from vo_subject_grades
    where source = $source
),

final as (
    select
        schooljaar,
        onderwijstype,
        count(distinct vakcode) as vakken,
        count(distinct vestigingscode) as vestigingen
    from grades
    group by schooljaar, onderwijstype
)

select * from final
order by schooljaar desc, onderwijstype
