-- Question: Which onderwijstypen have published VO pass rates (search list)?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: onderwijstype

with rates as (
    select * from vo_pass_rates
    where source = $source
),

final as (
    select distinct onderwijstype
    from rates
)

select * from final
order by onderwijstype
