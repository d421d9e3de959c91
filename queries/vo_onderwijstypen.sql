-- Question: Which onderwijstypen have published VO pass rates (search list)?
-- Output: onderwijstype

with rates as (
    select * from vo_pass_rates
),

final as (
    select distinct onderwijstype
    from rates
)

select * from final
order by onderwijstype
