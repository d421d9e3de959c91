-- Question: the reference pass rate of a product, nationally ('*') and per examenlocatie, per period.
-- Parameters: none (CBR's criteria come with publish_cbr_opleider_long).
-- Input: publish_cbr_opleider_long (all exams of all opleiders, before the too-few-exams rule: CBR
--   publishes those counts itself; the rule only keeps misleading rates off the opleider view): its
--   location rows summed per location, its '*' rows (each opleider's locations together) summed to the
--   national ('*') row, in one group by examenlocatie.
-- Output: the cbr_product_rates contract; a product that trips a CBR criterion keeps its row with NULLs.
-- Note: opleiders counts rows with exams, not distinct codes: an opleider has one row per location
--   (the warehouse's key: source x opleider x product x location) and one row of all its locations
--   together, so counting rows is counting opleiders, without a count(distinct) over 11 million rows
--   at 100x. This assumes one source per publication, which the audit proves for every publication
--   (no two rows of cbr_opleider_results share a key).
with

long_rows as (
    select * from publish_cbr_opleider_long
),

-- per examenlocatie: a location's rows give that location, the opleiders' '*' rows give the nation
rates as (
    select
        publication,
        min(period_start) as period_start,
        max(period_end) as period_end,
        productcode,
        examenlocatie,
        soort_examen,
        transmissie,
        sum(voldoende) as voldoende,
        sum(onvoldoende) as onvoldoende,
        sum(n) as n,
        count(*) filter (where n > 0) as opleiders,
        max(cbr_reason) as suppression
    from long_rows
    group by publication, productcode, examenlocatie, soort_examen, transmissie
),

final as (
    select
        publication,
        period_start,
        period_end,
        productcode,
        examenlocatie,
        soort_examen,
        transmissie,
        case when suppression is null then voldoende end as voldoende,
        case when suppression is null then onvoldoende end as onvoldoende,
        case when suppression is null then n end as n,
        case when suppression is null then opleiders end as opleiders,
        suppression
    from rates
)

select * from final
