-- Question: what are the smallest pieces (atoms) that every published VO count is a sum of, as an
--   attacker holding only the published database can name them?
-- Parameters: none.  Input: the published vo_pass_rates and vo_results_by_afdeling.
-- Output: one row per atom: atom_id, table_name, and the keys a published count is matched on (source,
--   vestigingscode, instellingscode, gemeentenaam, provincie, onderwijstype, inspectiecode, schooljaar,
--   atom_group, column_name); finest_key names its finest row (source|vestiging|onderwijstype|opleiding|
--   schooljaar, for an afdeling row leerweg|sector|afdeling in the opleiding's place).
--   vo_pass_rates           per finest row (level vestiging x one opleiding x schooljaar): an atom per
--                           published gender (MAN, VROUW) and one for the hidden REST = TOTAAL - MAN - VROUW
--                           (for a source without genders, the deliveries, REST is all of TOTAAL), each for
--                           examenkandidaten and geslaagden;
--   vo_results_by_afdeling  (source duo) per row: geslaagden and gezakten (examenkandidaten is their sum);
--                           the deliveries' rows are sums of their pass-rate atoms (vo_terms.sql).
-- Which atoms the publication gives away is for the solver to find (examencijfers/publish/attack.py).
with

pass_rates as (
    select * from vo_pass_rates
),

afdeling_rows as (
    select * from vo_results_by_afdeling
    where source = 'duo'
),

finest_rows as (
    select
        source,
        area_code as vestigingscode,
        instellingscode,
        gemeentenaam,
        provincie,
        onderwijstype,
        inspectiecode,
        schooljaar,
        geslacht
    from pass_rates
    where level = 'vestiging' and inspectiecode is not null
),

atom_groups as (
    select * exclude (geslacht), geslacht as atom_group
    from finest_rows
    where geslacht <> 'TOTAAL'
    union all
    select distinct * exclude (geslacht), 'REST'
    from finest_rows
),

pass_rate_atoms as (
    select 'vo_pass_rates' as table_name, atom_groups.*, columns.column_name
    from atom_groups
    cross join (values ('examenkandidaten'), ('geslaagden')) as columns (column_name)
),

afdeling_atoms as (
    select
        'vo_results_by_afdeling', source, vestigingscode, instellingscode, gemeentenaam, provincie,
        onderwijstype,
        concat_ws('|', coalesce(leerweg, ''), coalesce(sector, ''), coalesce(afdeling, '')),
        schooljaar, 'ROW', columns.column_name
    from afdeling_rows
    cross join (values ('geslaagden'), ('gezakten')) as columns (column_name)
),

all_atoms as (
    select * from pass_rate_atoms
    union all
    select * from afdeling_atoms
),

final as (
    select
        row_number() over (order by table_name, source, vestigingscode, onderwijstype, inspectiecode,
                                    schooljaar, atom_group, column_name) - 1 as atom_id,
        *,
        concat_ws('|', source, vestigingscode, onderwijstype, inspectiecode, schooljaar) as finest_key
    from all_atoms
)

select * from final
