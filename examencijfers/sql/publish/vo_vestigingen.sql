-- Question: the public register of VO vestigingen, newest source per vestiging.
-- Parameters: none.  Output: the vo_vestigingen contract.
with

register as (
    select * from wh.duo_vestigingen
),

newest as (
    select *
    from register
    qualify row_number() over (partition by vestigingscode order by source_id desc) = 1
),

final as (
    select vestigingscode, instellingscode, vestigingsnaam, plaatsnaam, gemeentenaam, provincie,
           denominatie, onderwijsstructuur
    from newest
)

select * from final
