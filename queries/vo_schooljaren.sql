-- Question: Which schooljaren have published VO pass rates, newest first?
-- Output: schooljaar

with rates as (
    select * from vo_pass_rates
),

final as (
    select distinct schooljaar
    from rates
)

select * from final
order by schooljaar desc
