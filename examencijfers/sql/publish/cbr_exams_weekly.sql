-- Question: CBR Examens per ISO week x product, newest publication, with CBR's criteria applied.
-- Parameters: none here (rule 1 comes from publish_cbr_period_status).
-- Input: wh.cbr_examens_current; publish_cbr_catalogue_rules; publish_cbr_period_status.
-- Output: the cbr_exams_weekly contract. A week is judged by the newest Opleiderresultaten period that
--   contains its Monday (rule 1 needs the count of active opleiders); a week outside every such period
--   is judged by the catalogue criteria 2-7 only; a product missing from the catalogue is withheld
--   (cbr_unknown_product). A suppressed product keeps its row; every count is NULL.
with

exams as (
    select * from wh.cbr_examens_current
),

catalogue_rules as (
    select * from publish_cbr_catalogue_rules
),

period_status as (
    select * from publish_cbr_period_status
),

week_periods as (
    select
        exams.jaar,
        exams.week,
        exams.productcode,
        period_status.suppression as period_reason
    from exams
    join period_status
        on exams.week_start between period_status.period_start and period_status.period_end
        and exams.productcode = period_status.productcode
    qualify row_number() over (
        partition by exams.jaar, exams.week, exams.productcode
        order by period_status.period_end desc, period_status.source_id desc
    ) = 1
),

judged as (
    select
        exams.*,
        case
            when week_periods.productcode is not null then week_periods.period_reason
            when catalogue_rules.productcode is null then 'cbr_unknown_product'
            else catalogue_rules.catalogue_reason
        end as suppression
    from exams
    left join week_periods using (jaar, week, productcode)
    left join catalogue_rules using (productcode)
),

final as (
    select
        source_id,
        jaar,
        week,
        week_start,
        categoriecode,
        categorienaam,
        productcode,
        productnaam,
        is_toets,
        case when suppression is null then totaal end as totaal,
        case when suppression is null then voldoende end as voldoende,
        case when suppression is null then onvoldoende end as onvoldoende,
        case when suppression is null then particulier end as particulier,
        case when suppression is null then tolk end as tolk,
        suppression
    from judged
)

select * from final
