-- Question: the public list of ILT codes (elementcodes) the deliveries' figures name.
-- Parameters: none.  Input: publish_ilt_codes (the warehouse's copy the deliveries' aggregates were built
--   with, or data/reference/ilt_codes.csv; examencijfers/publish/deliveries.py).
-- Output: the vo_ilt_codes contract.
with

ilt_codes as (
    select * from publish_ilt_codes
),

final as (
    select
        ilt_code,
        opleidingsnaam,
        onderwijstype,
        nullif(leerweg, '') as leerweg,
        nullif(sector, '') as sector,
        nullif(afdeling, '') as afdeling,
        examenopleiding
    from ilt_codes
)

select * from final
