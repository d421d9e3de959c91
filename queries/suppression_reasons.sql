-- Question: What does each suppression reason code mean, and which symbol marks it in a cell?
-- Output: reason, symbol, label_nl, label_en

with reasons as (
    select * from suppression_reasons
),

final as (
    select
        reason,
        symbol,
        label_nl,
        label_en
    from reasons
)

select * from final
order by reason
