-- Question: which published VO counts does the audit reason about, and which of them must stay vague?
-- Parameters: none.  Input: the published vo_pass_rates and vo_results_by_afdeling.
-- Output: one row per count cell: cell_id, table_name, cell_key (names the cell in findings), the keys
--   vo_terms.sql matches atoms on, column_name, value (NULL when suppressed; an empty cell is 0), reason
--   (the marker), sensitive and, for pass rates, the published slaagpercentage of its row.
--   sensitive: a small cell the rules protect (primary, extreme_rate), and DUO's own "<5" where it was
--   published (the finest rows; a source_lt5 above them is a sum that holds such a cell, audited there).
--   Secondary cells are hidden to protect others and need no interval of their own.
with

pass_rates as (
    select * from vo_pass_rates
),

afdeling_rows as (
    select * from vo_results_by_afdeling
),

pass_rate_cells as (
    select
        'vo_pass_rates' as table_name,
        concat_ws('|', source, level, area_code, onderwijstype, coalesce(inspectiecode, '*'), schooljaar,
                  geslacht) as row_key,
        source, level, area_code, onderwijstype, inspectiecode, schooljaar, geslacht,
        level = 'vestiging' and inspectiecode is not null as finest,
        column_name, value, reason, slaagpercentage
    from pass_rates
    cross join lateral (values
        ('examenkandidaten', examenkandidaten, examenkandidaten_suppression),
        ('geslaagden', geslaagden, geslaagden_suppression)
    ) as counts (column_name, value, reason)
),

afdeling_cells as (
    select
        'vo_results_by_afdeling',
        concat_ws('|', source, vestigingscode, onderwijstype, coalesce(leerweg, ''), coalesce(sector, ''),
                  coalesce(afdeling, ''), schooljaar),
        source, 'afdeling', vestigingscode, onderwijstype,
        concat_ws('|', coalesce(leerweg, ''), coalesce(sector, ''), coalesce(afdeling, '')),
        schooljaar, 'TOTAAL', true, column_name, value, reason, null::double
    from afdeling_rows
    cross join lateral (values
        ('examenkandidaten', examenkandidaten, examenkandidaten_suppression),
        ('geslaagden', geslaagden, geslaagden_suppression),
        ('gezakten', gezakten, gezakten_suppression)
    ) as counts (column_name, value, reason)
),

all_cells as (
    select * from pass_rate_cells
    union all
    select * from afdeling_cells
),

final as (
    select
        row_number() over (order by table_name, row_key, column_name) - 1 as cell_id,
        table_name,
        table_name || ':' || row_key || ':' || column_name as cell_key,
        source, level, area_code, onderwijstype, inspectiecode, schooljaar, geslacht, column_name,
        case when reason is null then coalesce(value, 0) end as value,
        reason,
        reason in ('primary', 'extreme_rate') or (reason = 'source_lt5' and finest) as sensitive,
        slaagpercentage,
        -- as vo_atoms.sql names a finest row
        case when finest then concat_ws('|', source, area_code, onderwijstype, inspectiecode, schooljaar) end
            as finest_key
    from all_cells
)

select * from final
