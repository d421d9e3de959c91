-- Question: How many cells of each published table and column are suppressed, and for what reason?
-- Output: table_name, column_name, reason, symbol, label_nl, label_en, cells

with counts as (
    select * from suppression_counts
),

reasons as (
    select * from suppression_reasons
),

final as (
    select
        counts.table_name,
        counts.column_name,
        counts.reason,
        reasons.symbol,
        reasons.label_nl,
        reasons.label_en,
        counts.cells
    from counts
    left join reasons using (reason)
)

select * from final
order by table_name, column_name, reason
