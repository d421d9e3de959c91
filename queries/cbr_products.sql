-- Question: Which CBR products (exam types) are there, with their category and division?
-- Output: productcode, productnaam, categoriecode, categorienaam, divisie, is_toets

with products as (
    select * from cbr_products
),

final as (
    select
        productcode,
        productnaam,
        categoriecode,
        categorienaam,
        divisie,
        is_toets
    from products
)

select * from final
order by categoriecode, productcode
