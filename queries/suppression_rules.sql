-- Question: Which protection rules were applied, with which configured values?
-- Output: rule, value, description_nl, description_en

with rules as (
    select * from suppression_rules
),

final as (
    select
        rule,
        value,
        description_nl,
        description_en
    from rules
)

select * from final
order by rule
