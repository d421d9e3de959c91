-- Question: which atoms (vo_atoms.sql) add up to each published VO count (vo_cells.sql)?
-- Parameters: none.  Input: audit_vo_cells, audit_vo_atoms, the published reference vo_ilt_codes.
-- Output: one row per cell x atom: cell_id, atom_id, coefficient.
--   vo_pass_rates         a row at level vestiging (one opleiding or all), instelling, gemeente, provincie or
--                         land sums the finest atoms of its area, opleiding (if any), onderwijstype and
--                         schooljaar: MAN and VROUW their own gender's atoms, TOTAAL all of them (REST too);
--   vo_results_by_afdeling (duo)  examenkandidaten = geslaagden + gezakten of the row's own atoms;
--                         (deliveries)  sums of the deliveries' pass-rate atoms of the opleidingen (ILT codes)
--                         that vo_ilt_codes maps to the row's onderwijstype x leerweg x sector x afdeling;
--                         gezakten = examenkandidaten - geslaagden.
with

cells as (
    -- only cells that say something (published, or beside a published rate) or need an interval
    select * from audit_vo_cells
    where value is not null or sensitive or slaagpercentage is not null
),

atoms as (
    select * from audit_vo_atoms
),

ilt_codes as (
    select * from vo_ilt_codes
),

pass_rate_atoms as (
    select * from atoms where table_name = 'vo_pass_rates'
),

-- each pass-rate atom lies in one area per level
atom_areas as (
    select pass_rate_atoms.*, areas.level, areas.area_code
    from pass_rate_atoms
    cross join lateral (values
        ('vestiging', vestigingscode), ('instelling', instellingscode), ('gemeente', gemeentenaam),
        ('provincie', provincie), ('land', 'NL')
    ) as areas (level, area_code)
),

pass_rate_terms as (
    select cells.cell_id, atom_areas.atom_id, 1 as coefficient
    from cells
    join atom_areas
        on atom_areas.source = cells.source
        and atom_areas.level = cells.level
        and atom_areas.area_code = cells.area_code
        and atom_areas.onderwijstype = cells.onderwijstype
        and atom_areas.schooljaar = cells.schooljaar
        and atom_areas.column_name = cells.column_name
    where cells.table_name = 'vo_pass_rates'
        and (cells.inspectiecode is null or atom_areas.inspectiecode = cells.inspectiecode)
        and (cells.geslacht = 'TOTAAL' or atom_areas.atom_group = cells.geslacht)
),

duo_afdeling_terms as (
    select cells.cell_id, atoms.atom_id, 1 as coefficient
    from cells
    join atoms
        on atoms.table_name = 'vo_results_by_afdeling'
        and atoms.finest_key = cells.finest_key
        and (cells.column_name = 'examenkandidaten' or atoms.column_name = cells.column_name)
    where cells.table_name = 'vo_results_by_afdeling' and cells.source = 'duo'
),

delivery_afdeling_terms as (
    select
        cells.cell_id,
        pass_rate_atoms.atom_id,
        case
            when cells.column_name = 'gezakten' and pass_rate_atoms.column_name = 'geslaagden' then -1
            else 1
        end as coefficient
    from cells
    join ilt_codes
        on ilt_codes.onderwijstype = cells.onderwijstype
        and concat_ws('|', coalesce(ilt_codes.leerweg, ''), coalesce(ilt_codes.sector, ''),
                      coalesce(ilt_codes.afdeling, '')) = cells.inspectiecode
    join pass_rate_atoms
        on pass_rate_atoms.finest_key = concat_ws('|', cells.source, cells.area_code, cells.onderwijstype,
                                                  ilt_codes.ilt_code, cells.schooljaar)
    where cells.table_name = 'vo_results_by_afdeling' and cells.source = 'deliveries'
        and (pass_rate_atoms.column_name = cells.column_name or cells.column_name = 'gezakten')
),

final as (
    select * from pass_rate_terms
    union all
    select * from duo_afdeling_terms
    union all
    select * from delivery_afdeling_terms
)

select * from final
