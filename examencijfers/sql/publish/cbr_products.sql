-- Question: the public CBR product list (names, categories, division), without the AVG attributes.
-- Parameters: none.  Output: the cbr_products contract.
with

catalogue as (
    select * from wh.ref_cbr_products
),

final as (
    select productcode, productnaam, categoriecode, categorienaam, divisie, is_toets
    from catalogue
)

select * from final
