-- Question: opleider results as published: CBR's criteria, and no rate from too few exams, per exam
--   location and for all of an opleider's locations together.
-- Parameters: getvariable('opleider_min_exams') (default 10): from 1 to this minus one exams, the
--   counts are NULL with reason too_few_exams and only the count band is shown.
-- Input: publish_cbr_opleider_long (the location rows and the '*' rows).
-- Output: the cbr_opleider_results contract: the location rows, and per opleider x product x
--   soort_examen x transmissie one examenlocatie = '*' row holding all its locations together (the
--   sum of its location rows; examenlocatie_plaats NULL). The minimum applies to each row on its own:
--   an opleider with 37 exams at one location and 3 at another has a too_few_exams location row and a
--   '*' row of 40 that is published. That is intended: too_few_exams keeps unreliable rates off the
--   opleider views, it protects nobody (CBR publishes these counts itself), so the total needs no
--   complementary suppression. Rows of a product that trips a CBR criterion are left out altogether,
--   the '*' rows with them (CBR: "not published at all"; even a row's existence names its opleider);
--   they are counted in suppression_counts.
with

long_rows as (
    select * from publish_cbr_opleider_long
),

publishable as (
    select * from long_rows where cbr_reason is null
),

banded as (
    select
        publishable.*,
        case
            when n = 0 then '0'
            when n < getvariable('opleider_min_exams') then '1-' || (getvariable('opleider_min_exams') - 1)
            when n < 50 then getvariable('opleider_min_exams') || '-49'
            when n < 100 then '50-99'
            else '100+'
        end as n_band,
        case when n between 1 and getvariable('opleider_min_exams') - 1 then 'too_few_exams' end as suppression
    from publishable
),

final as (
    select
        source_id,
        publication,
        period_start,
        period_end,
        opleidercode,
        opleidernaam,
        opleider_plaats,
        opleider_actief,
        categoriecode,
        productcode,
        productnaam,
        examenlocatie,
        examenlocatie_plaats,
        soort_examen,
        transmissie,
        case when suppression is null then voldoende end as voldoende,
        case when suppression is null then onvoldoende end as onvoldoende,
        case when suppression is null then n end as n,
        n_band,
        suppression
    from banded
)

select * from final
