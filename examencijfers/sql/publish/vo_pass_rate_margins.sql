-- Question: which published VO cells add up to which other published cell (the margins an attacker has)?
-- Parameters: none.  Input: publish_vo_levels.
-- Output: one row per margin group x member row: group_key and role ('total' or 'part'). Each group
--   states total = sum of its parts, for both counts (examenkandidaten, geslaagden), within one source:
--   gender          TOTAAL = MAN + VROUW + REST, at every level
--   opleidingen     vestiging (all opleidingen) = its vestiging x opleiding rows
--   instelling      instelling = its vestigingen;  gemeente = its vestigingen;  provincie = its vestigingen
--   land            NL = the provincies;  NL x opleiding = the vestigingen' rows of that opleiding;
--                   NL = NL x each opleiding
--   (totals over years are not published, so years are no margin.) The unpublished REST rows only
--   take part in the gender groups, where a small REST asks for protection (vo_secondary_round.sql).
-- The audit runs this same file over the published vo_pass_rates (without REST rows).
with

all_cells as (
    select * from publish_vo_levels
),

cells as (
    select * from all_cells where geslacht <> 'REST'
),

vestiging_totals as (
    select * from cells where level = 'vestiging' and inspectiecode is null
),

groups as (
    select 'gender|' || row_key as group_key, row_id,
        case when geslacht = 'TOTAAL' then 'total' when geslacht = 'REST' then 'hidden' else 'part' end as role
    from all_cells
    union all
    select concat_ws('|', 'opleidingen', source, vestigingscode, onderwijstype, schooljaar, geslacht), row_id,
        case when inspectiecode is null then 'total' else 'part' end
    from cells where level = 'vestiging'
    union all
    select concat_ws('|', 'instelling', source, instellingscode, onderwijstype, schooljaar, geslacht), row_id, 'total'
    from cells where level = 'instelling'
    union all
    select concat_ws('|', 'instelling', source, instellingscode, onderwijstype, schooljaar, geslacht), row_id, 'part'
    from vestiging_totals
    union all
    select concat_ws('|', 'gemeente', source, gemeentenaam, onderwijstype, schooljaar, geslacht), row_id, 'total'
    from cells where level = 'gemeente'
    union all
    select concat_ws('|', 'gemeente', source, gemeentenaam, onderwijstype, schooljaar, geslacht), row_id, 'part'
    from vestiging_totals
    union all
    select concat_ws('|', 'provincie', source, provincie, onderwijstype, schooljaar, geslacht), row_id, 'total'
    from cells where level = 'provincie'
    union all
    select concat_ws('|', 'provincie', source, provincie, onderwijstype, schooljaar, geslacht), row_id, 'part'
    from vestiging_totals
    union all
    select concat_ws('|', 'land-provincies', source, onderwijstype, schooljaar, geslacht), row_id,
        case when level = 'land' then 'total' else 'part' end
    from cells where (level = 'land' and inspectiecode is null) or level = 'provincie'
    union all
    select concat_ws('|', 'land-opleiding', source, inspectiecode, onderwijstype, schooljaar, geslacht), row_id,
        case when level = 'land' then 'total' else 'part' end
    from cells where level in ('land', 'vestiging') and inspectiecode is not null
    union all
    select concat_ws('|', 'land-opleidingen', source, onderwijstype, schooljaar, geslacht), row_id,
        case when inspectiecode is null then 'total' else 'part' end
    from cells where level = 'land'
),

final as (
    -- a group of one member states nothing (the deliveries' gender "group" is TOTAAL alone)
    select * from groups
    qualify count(*) over (partition by group_key) > 1
)

select * from final
