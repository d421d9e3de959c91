-- Question: Which schooljaren have published VO pass rates, newest first?
-- Param source (varchar, default 'duo'): 'duo' (open data) or 'deliveries'.
-- Output: schooljaar

with rates as (
    select * from vo_pass_rates
    where source = $source
),

final as (
    select distinct schooljaar
    from rates
)

select * from final
order by schooljaar desc
