-- Question: which of CBR's AVG criteria 2-7 does each catalogue product trip, whatever the period?
-- Parameters: none (the product attributes come from the reference catalogue, wh.ref_cbr_products).
-- Output: one row per catalogue product: divisie and the first of cbr_rule_2 .. cbr_rule_7 that holds
--   (NULL = none). The criteria only apply to products of the CCV division (vakbekwaamheid).
with

catalogue as (
    select * from wh.ref_cbr_products
),

classified as (
    select
        productcode,
        divisie,
        lower(trim(coalesce(productgroep, ''))) as productgroep
    from catalogue
),

reasons as (
    select
        classified.productcode,
        classified.divisie,
        case
            when classified.divisie <> 'CCV' then null
            when catalogue.soortproductverlenging then 'cbr_rule_2'
            when catalogue.individueel then 'cbr_rule_3'
            when classified.productgroep = 'vakbekwaamheid nascholing' then 'cbr_rule_4'
            when classified.productgroep = 'toetsen vakbekwaamheid' then 'cbr_rule_5'
            when catalogue.nader_onderzoek then 'cbr_rule_6'
            when catalogue.via_verzoek then 'cbr_rule_7'
        end as catalogue_reason
    from classified
    join catalogue using (productcode)
),

final as (
    select * from reasons
)

select * from final
