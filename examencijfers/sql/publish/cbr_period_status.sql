-- Question: may a CBR product be published for an Opleiderresultaten period (all of CBR's criteria 1-7)?
-- Parameters: getvariable('cbr_max_opleiders'): rule 1 holds for a CCV product taken by at most this
--   many different active opleiders in the period (an opleider is active when its einddatum is on or
--   after the end of the period; 31-12-9999 = active).
-- Input: publish_cbr_catalogue_rules (cbr_catalogue_rules.sql).
-- Output: one row per Opleiderresultaten source x product (in the catalogue or in the data): the period,
--   the active opleiders with exams and the first rule that holds (NULL = publish). Rule 1 counts first.
--   A product missing from the catalogue cannot be judged (its division and attributes are unknown), so
--   it is withheld as cbr_unknown_product rather than published unchecked.
with

opleider_rows as (
    select
        source_id,
        opleidercode,
        productcode,
        opleider_einddatum,
        examenperiode_begindatum,
        examenperiode_einddatum,
        eerste_voldoende + eerste_onvoldoende + her_voldoende + her_onvoldoende as exams
    from wh.cbr_opleiderresultaten
),

catalogue_rules as (
    select * from publish_cbr_catalogue_rules
),

periods as (
    select
        source_id,
        min(examenperiode_begindatum) as period_start,
        max(examenperiode_einddatum) as period_end
    from opleider_rows
    group by source_id
),

active_opleiders as (
    select
        source_id,
        productcode,
        count(distinct opleidercode) as active_opleiders
    from opleider_rows
    where exams > 0
      and (opleider_einddatum is null or opleider_einddatum >= examenperiode_einddatum)
    group by source_id, productcode
),

products as (
    select productcode from catalogue_rules
    union
    select productcode from opleider_rows
),

period_products as (
    select
        periods.source_id,
        periods.period_start,
        periods.period_end,
        products.productcode,
        coalesce(active_opleiders.active_opleiders, 0) as active_opleiders
    from periods
    cross join products
    left join active_opleiders
        on active_opleiders.source_id = periods.source_id
        and active_opleiders.productcode = products.productcode
),

final as (
    select
        period_products.*,
        case
            when catalogue_rules.productcode is null then 'cbr_unknown_product'
            when catalogue_rules.divisie = 'CCV'
                and period_products.active_opleiders <= getvariable('cbr_max_opleiders') then 'cbr_rule_1'
            else catalogue_rules.catalogue_reason
        end as suppression
    from period_products
    left join catalogue_rules using (productcode)
)

select * from final
