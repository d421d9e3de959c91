-- Question: Which licence categories are there (search list for the category filter), and how many
--   products with a result (not a tussentijdse toets) each holds?
-- Output: categoriecode, categorienaam, products, products_with_result

with products as (
    select * from cbr_products
),

final as (
    select
        categoriecode,
        any_value(categorienaam) as categorienaam,
        count(*) as products,
        count(*) filter (where not is_toets) as products_with_result
    from products
    where categoriecode is not null
    group by categoriecode
)

select * from final
order by categoriecode
