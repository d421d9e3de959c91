-- Question: CBR Uitgegeven diploma's per ISO week x diploma code, newest publication.
-- Parameters: none. CBR's AVG criteria are about products (exams), not diploma codes: nothing suppressed.
-- Output: the cbr_diplomas_weekly contract.
with

diplomas as (
    select * from wh.cbr_diplomas_current
),

final as (
    select
        source_id,
        jaar,
        week,
        week_start,
        diplomacode,
        diplomaomschrijving,
        aantal,
        cast(null as varchar) as suppression
    from diplomas
)

select * from final
